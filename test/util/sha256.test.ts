/** SHA-256: the plain-JS digest equals node:crypto's at every length around the padding boundaries; sha256Hex hands big work to node:crypto. */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jsSha256Hex, sha256Hex } from '../../src/util/sha256.js';

const reference = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('sha256', () => {
  it('in plain JS matches node:crypto on bytes of every length from 0 to 300, and on 4 KiB and 1 MiB', () => {
    for (let length = 0; length <= 300; length += 1) {
      const data = randomBytes(length);
      expect(jsSha256Hex(data), `length ${length}`).toBe(reference(data));
    }
    for (const length of [4096, 1 << 20]) {
      const data = randomBytes(length);
      expect(jsSha256Hex(data)).toBe(reference(data));
    }
    expect(jsSha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes strings as UTF-8, before and after node:crypto takes over (past 512 KiB hashed)', () => {
    const texts = ['', 'github.com/acme/repo', 'ünïcödé 🎉 路径', '/home/dev/work/api-server'];
    for (const text of texts) expect(sha256Hex(text)).toBe(reference(text));
    const big = randomBytes(600 * 1024);
    expect(sha256Hex(big)).toBe(reference(big));
    for (const text of texts) expect(sha256Hex(text)).toBe(reference(text));
  });
});
