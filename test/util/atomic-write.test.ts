import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

describe('writeFileAtomic', () => {
  it('writes a string, bytes, or parts one after the other, owner-only, leaving no temp file', () => {
    using tmp = makeTmpHome();
    const file = path.join(tmp.root, 'deep', 'state.json');
    writeFileAtomic(file, 'one');
    expect(readFileSync(file, 'utf8')).toBe('one');
    writeFileAtomic(file, Buffer.from('two'));
    expect(readFileSync(file, 'utf8')).toBe('two');
    const big = Buffer.alloc(3 * 1024 * 1024, 'x');
    writeFileAtomic(file, [Buffer.from('{'), Buffer.alloc(0), big, Buffer.from('}')]);
    expect(readFileSync(file)).toEqual(Buffer.concat([Buffer.from('{'), big, Buffer.from('}')]));
    // More parts than one writev takes (IOV_MAX is 1024 on Linux).
    const parts = Array.from({ length: 3000 }, (_, i) => Buffer.from(`${i},`));
    writeFileAtomic(file, parts);
    expect(readFileSync(file, 'utf8')).toBe(parts.join(''));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual(['state.json']);
  });
});
