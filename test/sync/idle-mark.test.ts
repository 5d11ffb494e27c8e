/**
 * idleKey: exactly what the plan compares, so any change that would plan differently changes the key.
 * markedChanges: which transcripts a mark does not vouch for.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/records/types.js';
import { idleKey, type IdleKey, leaveIdleMark, markedChanges, markIs, readIdleMark } from '../../src/sync/idle-mark.js';

const SINKS = ['sqlite'];

const file = (over: Partial<SourceFile> = {}): SourceFile => ({ source: 's', path: '/p/a.jsonl', root: '/p', projectDir: 'p', kind: 'main', size: 10, mtimeMs: 1.5, ino: 7, ...over });

/** Whether a mark left for `a` is taken for `b`. */
const same = (a: IdleKey, b: IdleKey) => markIs(Buffer.concat(a), b);

describe('idleKey', () => {
  it('changes with the state stamp, the sinks, and any transcript path, size, mtime or inode, and with the list itself', () => {
    const base = idleKey('1:2:3', [file(), file({ path: '/p/b.jsonl' })], SINKS);
    expect(same(idleKey('1:2:3', [file(), file({ path: '/p/b.jsonl' })], SINKS), base)).toBe(true);
    const variants = [
      idleKey('1:2:4', [file(), file({ path: '/p/b.jsonl' })], SINKS),
      idleKey('1:2:3', [file({ path: '/p/c.jsonl' }), file({ path: '/p/b.jsonl' })], SINKS),
      idleKey('1:2:3', [file({ size: 11 }), file({ path: '/p/b.jsonl' })], SINKS),
      idleKey('1:2:3', [file({ mtimeMs: 1.25 }), file({ path: '/p/b.jsonl' })], SINKS),
      idleKey('1:2:3', [file({ ino: 8 }), file({ path: '/p/b.jsonl' })], SINKS),
      idleKey('1:2:3', [file()], SINKS),
      idleKey('1:2:3', [file({ path: '/p/a.jsonl\n/p/b.jsonl' })], SINKS),
      idleKey('1:2:3', [file(), file({ path: '/p/b.jsonl' })], ['sqlite', 'firestore']),
    ];
    for (const key of variants) expect(same(key, base)).toBe(false);
  });

  it('a mark is taken only when it holds the key exactly, no more and no less', () => {
    const key = idleKey('1:2:3', [file(), file({ path: '/p/b.jsonl' })], SINKS);
    const bytes = Buffer.concat(key);
    expect(markIs(bytes, key)).toBe(true);
    expect(markIs(null, key)).toBe(false);
    expect(markIs(bytes.subarray(0, bytes.length - 1), key)).toBe(false);
    expect(markIs(Buffer.concat([bytes, Buffer.from('x')]), key)).toBe(false);
    const torn = Buffer.from(bytes);
    torn.writeUInt8(torn.readUInt8(torn.length - 1) ^ 1, torn.length - 1);
    expect(markIs(torn, key)).toBe(false);
  });

  it('the same discovery under another stamp: the key of that stamp, as if built afresh', () => {
    const files = [file(), file({ path: '/p/b.jsonl' })];
    const before = idleKey('1:2:3', files, SINKS);
    const after = idleKey('9:9:9', files, SINKS);
    expect(same(after, idleKey('9:9:9', [file(), file({ path: '/p/b.jsonl' })], SINKS))).toBe(true);
    expect(same(before, after)).toBe(false);
    expect(same(idleKey('1:2:3', files, SINKS), before)).toBe(true);
  });
});

describe('markedChanges', () => {
  const homes: string[] = [];
  afterEach(() => {
    for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
  });
  const markedHome = (stamp: string, files: SourceFile[]): string => {
    const home = mkdtempSync(path.join(tmpdir(), 'ci-mark-'));
    homes.push(home);
    leaveIdleMark(home, idleKey(stamp, files, SINKS));
    return home;
  };
  const a = file();
  const b = file({ path: '/p/b.jsonl', size: 20 });
  const c = file({ path: '/p/c.jsonl', ino: 9 });

  it('lists new transcripts and those whose size, mtime or inode changed, in discovery order', () => {
    const home = markedHome('1:2:3', [a, b, c]);
    expect(markedChanges(readIdleMark(home), '1:2:3', [a, b, c], SINKS)).toEqual([]);
    const grown = file({ path: '/p/b.jsonl', size: 25 });
    const touched = file({ mtimeMs: 2.5 });
    const replaced = file({ path: '/p/c.jsonl', ino: 10 });
    const added = file({ path: '/p/d.jsonl' });
    expect(markedChanges(readIdleMark(home), '1:2:3', [touched, grown, c, added], SINKS)).toEqual([touched, grown, added]);
    expect(markedChanges(readIdleMark(home), '1:2:3', [c, a, b], SINKS)).toEqual([]);
    expect(markedChanges(readIdleMark(home), '1:2:3', [a, b, replaced], SINKS)).toEqual([replaced]);
  });

  it('finds the few changed among many transcripts listed as the mark lists them', () => {
    const many = Array.from({ length: 1000 }, (_, i) => file({ path: `/p/${i}.jsonl`, size: i + 1 }));
    const home = markedHome('1:2:3', many);
    expect(markedChanges(readIdleMark(home), '1:2:3', many, SINKS)).toEqual([]);
    const now = many.map((f, i) => ([0, 511, 512, 999].includes(i) ? { ...f, size: f.size + 1 } : i === 700 ? { ...f, mtimeMs: 7 } : f));
    expect(markedChanges(readIdleMark(home), '1:2:3', now, SINKS)?.map((f) => f.path)).toEqual(
      ['/p/0.jsonl', '/p/511.jsonl', '/p/512.jsonl', '/p/700.jsonl', '/p/999.jsonl'],
    );
  });

  it('vouches for nothing under another state file or other sinks, with a transcript gone, or without a readable mark', () => {
    const home = markedHome('1:2:3', [a, b, c]);
    expect(markedChanges(readIdleMark(home), '1:2:4', [a, b, c], SINKS)).toBeNull();
    expect(markedChanges(readIdleMark(home), '1:2:3', [a, b, c], ['sqlite', 'firestore'])).toBeNull();
    expect(markedChanges(readIdleMark(home), '1:2:3', [a, b, file({ path: '/p/c.jsonl', ino: 99 })], ['firestore'])).toBeNull();
    expect(markedChanges(readIdleMark(home), '1:2:3', [a, c], SINKS)).toBeNull();
    writeFileSync(path.join(home, 'idle-mark.bin'), 'torn');
    expect(markedChanges(readIdleMark(home), '1:2:3', [a, b, c], SINKS)).toBeNull();
    rmSync(path.join(home, 'idle-mark.bin'));
    expect(markedChanges(readIdleMark(home), '1:2:3', [a, b, c], SINKS)).toBeNull();
    // A path with a newline cannot be told apart from two: such a mark serves only the same list of transcripts.
    const strange = file({ path: '/p/x\n/p/y.jsonl' });
    const odd = markedHome('1:2:3', [a, strange]);
    expect(markedChanges(readIdleMark(odd), '1:2:3', [a, { ...strange, size: 99 }], SINKS)).toEqual([{ ...strange, size: 99 }]);
    expect(markedChanges(readIdleMark(odd), '1:2:3', [a, strange, b], SINKS)).toBeNull();
  });
});
