/** The plain-JS SHA-256 gives node:crypto's digest for every length around the padding boundaries, and for text. */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/util/sha256.js';

const reference = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('sha256Hex', () => {
  it('matches node:crypto on bytes of every length from 0 to 300, and on 4 KiB and 1 MiB', () => {
    for (let length = 0; length <= 300; length += 1) {
      const data = randomBytes(length);
      expect(sha256Hex(data), `length ${length}`).toBe(reference(data));
    }
    for (const length of [4096, 1 << 20]) {
      const data = randomBytes(length);
      expect(sha256Hex(data)).toBe(reference(data));
    }
  });

  it('hashes strings as UTF-8, and gives the published digest of "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const text of ['', 'github.com/acme/repo', 'ünïcödé 🎉 路径', '/home/dev/work/api-server']) expect(sha256Hex(text)).toBe(reference(text));
  });
});
