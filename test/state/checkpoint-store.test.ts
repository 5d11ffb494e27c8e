import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../../src/errors.js';
import { loadState, saveState, statePath } from '../../src/state/checkpoint-store.js';
import { loadFold, saveFold } from '../../src/state/fold-store.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

const cursor = {
  sessionId: 's1',
  kind: 'main' as const,
  size: 10,
  mtimeMs: 1,
  ino: 2,
  head: 'abc',
  headBytes: 10,
  offset: 10,
  projectId: 'p',
  projectName: 'proj',
  projectPath: '/x/proj',
  syncedAt: '2026-01-01T00:00:00.000Z',
};

describe('checkpoint store', () => {
  it('starts empty, round-trips, and writes 0600 in a 0700 directory', () => {
    using tmp = makeTmpHome();
    expect(loadState(tmp.ciHome)).toEqual({ version: 1, files: {} });
    saveState(tmp.ciHome, { version: 1, files: { '/a.jsonl': cursor } });
    expect(loadState(tmp.ciHome).files['/a.jsonl']).toEqual(cursor);
    expect(statSync(statePath(tmp.ciHome)).mode & 0o777).toBe(0o600);
    expect(statSync(tmp.ciHome).mode & 0o777).toBe(0o700);
  });

  it('fails loudly on a corrupt or newer state instead of resetting it', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { recursive: true });
    writeFileSync(statePath(tmp.ciHome), '{"version":1,"files":{"/a":{"offset":"x"}}}');
    expect(() => loadState(tmp.ciHome)).toThrow(CheckpointError);
    writeFileSync(statePath(tmp.ciHome), '{not json');
    expect(() => loadState(tmp.ciHome)).toThrow(/corrupt.*--force|corrupt/);
    writeFileSync(statePath(tmp.ciHome), '{"version":99,"files":{}}');
    expect(() => loadState(tmp.ciHome)).toThrow(/newer/);
  });
});

describe('fold store', () => {
  it('returns a fold only for the exact offset it was saved at', () => {
    using tmp = makeTmpHome();
    const transcript = path.join(tmp.claudeDir, 'x.jsonl');
    saveFold(tmp.ciHome, transcript, 100, { n: 1 });
    expect(loadFold(tmp.ciHome, transcript, 100)).toEqual({ n: 1 });
    expect(loadFold(tmp.ciHome, transcript, 99)).toBeUndefined();
    expect(loadFold(tmp.ciHome, `${transcript}.other`, 100)).toBeUndefined();
  });
});
