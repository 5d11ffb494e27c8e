/** idleKey: exactly what the plan compares, so any change that would plan differently changes the key. */
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/records/types.js';
import { idleKey } from '../../src/sync/idle-mark.js';

const file = (over: Partial<SourceFile> = {}): SourceFile => ({ source: 's', path: '/p/a.jsonl', root: '/p', projectDir: 'p', kind: 'main', size: 10, mtimeMs: 1.5, ino: 7, ...over });

describe('idleKey', () => {
  it('changes with the state stamp and any transcript path, size, mtime or inode, and with the list itself', () => {
    const base = idleKey('1:2:3', [file(), file({ path: '/p/b.jsonl' })]);
    expect(idleKey('1:2:3', [file(), file({ path: '/p/b.jsonl' })]).equals(base)).toBe(true);
    const variants = [
      idleKey('1:2:4', [file(), file({ path: '/p/b.jsonl' })]),
      idleKey('1:2:3', [file({ path: '/p/c.jsonl' }), file({ path: '/p/b.jsonl' })]),
      idleKey('1:2:3', [file({ size: 11 }), file({ path: '/p/b.jsonl' })]),
      idleKey('1:2:3', [file({ mtimeMs: 1.25 }), file({ path: '/p/b.jsonl' })]),
      idleKey('1:2:3', [file({ ino: 8 }), file({ path: '/p/b.jsonl' })]),
      idleKey('1:2:3', [file()]),
      idleKey('1:2:3', [file({ path: '/p/a.jsonl\n/p/b.jsonl' })]),
    ];
    for (const key of variants) expect(key.equals(base)).toBe(false);
  });

  it('the same discovery under another stamp: the key of that stamp, as if built afresh', () => {
    const files = [file(), file({ path: '/p/b.jsonl' })];
    const before = idleKey('1:2:3', files);
    const after = idleKey('9:9:9', files);
    expect(after.equals(idleKey('9:9:9', [file(), file({ path: '/p/b.jsonl' })]))).toBe(true);
    expect(before.equals(after)).toBe(false);
    expect(idleKey('1:2:3', files).equals(before)).toBe(true);
  });
});
