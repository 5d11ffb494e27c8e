/** A fold written by another version of the source (an upgrade) is not an error: the transcript is read again whole. */
import { copyFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLUGIN_NAME } from '../../../plugins-builtin/claude-code-source/index.js';
import { makeTmpHome, REAL_FIXTURES } from '../../helpers/tmp-home.js';
import { makeHooks, makeRun, parseToEnd } from './harness.js';

describe('outdated fold', () => {
  it('restarts from the first byte and gives the same session as a fresh pass', async () => {
    using tmp = makeTmpHome();
    const p = path.join(tmp.root, 'fe869ecb-c176-478f-9734-7e4b8ef12cff.jsonl');
    copyFileSync(path.join(REAL_FIXTURES, 'projects/-Users-dain-workspace-claude-code-log-sample/fe869ecb-c176-478f-9734-7e4b8ef12cff.jsonl'), p);
    const st = statSync(p);
    const file = { source: PLUGIN_NAME, path: p, root: tmp.root, projectDir: 'p', kind: 'main' as const, sessionId: 'fe869ecb-c176-478f-9734-7e4b8ef12cff', size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
    const hooks = await makeHooks();
    const fresh = await parseToEnd(hooks, makeRun(), file);
    const outdated = { version: 0, whatever: true };
    const result = await hooks.parse.promise({ file, offset: Math.floor(st.size / 2), fold: outdated, maxBytes: Number.MAX_SAFE_INTEGER, related: [] }, makeRun());
    expect(result?.batch.session).toEqual(fresh.last.batch.session);
    expect(result?.batch.messages).toHaveLength(fresh.messages.size);
    expect(result?.endOffset).toBe(fresh.endOffset);
  });
});
