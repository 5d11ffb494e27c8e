import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashHead, HEAD_BYTES, headMatches, isCurrentHead, mixHex } from '../../src/pipeline/head-hash.js';
import { classify } from '../../src/pipeline/plan.js';
import type { SourceFile } from '../../src/records/types.js';
import type { FileCursor } from '../../src/state/cursor.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

const cursorOf = (file: string, size: number, head: string, headBytes: number): FileCursor => ({
  sessionId: 's',
  kind: 'main',
  size,
  mtimeMs: 1,
  ino: 1,
  head,
  headBytes,
  offset: size,
  projectId: 'p',
  projectName: 'p',
  projectPath: '/p',
  syncedAt: '2026-01-01T00:00:00.000Z',
});

describe('head fingerprint', () => {
  it('is 16 hex digits that change with any byte, the length, or the order of words', () => {
    const base = Buffer.alloc(HEAD_BYTES, 'a');
    const seen = new Set([mixHex(base)]);
    for (const at of [0, 1, 2, 3, 4, 1000, HEAD_BYTES - 1]) {
      const flipped = Buffer.from(base);
      flipped[at] = 0x62;
      seen.add(mixHex(flipped));
    }
    seen.add(mixHex(base.subarray(0, HEAD_BYTES - 1)));
    seen.add(mixHex(Buffer.concat([base.subarray(4, 8), base.subarray(0, 4)])));
    seen.add(mixHex(Buffer.from('abcdefgh')));
    seen.add(mixHex(Buffer.from('efghabcd')));
    seen.add(mixHex(new Uint8Array(0)));
    expect(seen.size).toBe(13);
    for (const hash of seen) expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(isCurrentHead(mixHex(base))).toBe(true);
  });

  it('tells a grown transcript from a replaced one, for heads of this version and SHA-256 heads of older cursors', () => {
    using tmp = makeTmpHome();
    const file = path.join(tmp.root, 't.jsonl');
    const start = `{"type":"user","uuid":"${'1'.repeat(36)}"}\n`.repeat(200);
    writeFileSync(file, start);
    const bytes = Math.min(HEAD_BYTES, start.length);
    const current = cursorOf(file, start.length, hashHead(file, bytes), bytes);
    const legacy = { ...current, head: createHash('sha256').update(start.slice(0, bytes)).digest('hex').slice(0, 24) };
    expect(isCurrentHead(legacy.head)).toBe(false);
    appendFileSync(file, '{"type":"user"}\n');
    const grown: SourceFile = { source: 'claude-code', path: file, root: tmp.root, projectDir: tmp.root, kind: 'main', size: 0, mtimeMs: 2, ino: 1 };
    grown.size = start.length + 16;
    expect(headMatches(file, current)).toBe(true);
    expect(headMatches(file, legacy)).toBe(true);
    expect(classify(grown, current)).toBe('grown');
    expect(classify(grown, legacy)).toBe('grown');
    writeFileSync(file, start.replace('1', '2') + '{"type":"user"}\n');
    expect(classify(grown, current)).toBe('rewritten');
    expect(classify(grown, legacy)).toBe('rewritten');
  });
});
