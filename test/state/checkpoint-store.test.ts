import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../../src/errors.js';
import { loadState, saveState, statePath, stateStamp } from '../../src/state/checkpoint-store.js';
import { FoldStore, foldsPath } from '../../src/state/fold-store.js';
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

describe('state stamp', () => {
  it('is null without a file and changes with every save, even of the same content', () => {
    using tmp = makeTmpHome();
    expect(stateStamp(tmp.ciHome)).toBeNull();
    const state = { version: 1, files: {} };
    saveState(tmp.ciHome, state);
    const first = stateStamp(tmp.ciHome);
    expect(first).not.toBeNull();
    expect(stateStamp(tmp.ciHome)).toBe(first);
    saveState(tmp.ciHome, state);
    expect(stateStamp(tmp.ciHome)).not.toBe(first);
  });
});

describe('fold store', () => {
  it('returns a fold only for the exact offset it was saved at, in the same run and after a commit', () => {
    using tmp = makeTmpHome();
    const transcript = path.join(tmp.claudeDir, 'x.jsonl');
    const folds = new FoldStore(tmp.ciHome);
    folds.save(transcript, 100, { n: 1 });
    expect(folds.load(transcript, 100)).toEqual({ n: 1 });
    expect(folds.load(transcript, 99)).toBeUndefined();
    folds.close();
    const reopened = new FoldStore(tmp.ciHome, { readonly: true });
    expect(reopened.load(transcript, 100)).toEqual({ n: 1 });
    expect(reopened.load(transcript, 99)).toBeUndefined();
    expect(reopened.load(`${transcript}.other`, 100)).toBeUndefined();
    reopened.close();
    expect(statSync(foldsPath(tmp.ciHome)).mode & 0o777).toBe(0o600);
  });

  it('keeps only committed saves, and the newest of them', () => {
    using tmp = makeTmpHome();
    const folds = new FoldStore(tmp.ciHome);
    folds.save('/t/a.jsonl', 10, { v: 1 });
    folds.save('/t/a.jsonl', 20, { v: 2 });
    folds.commit();
    folds.save('/t/b.jsonl', 5, { v: 3 });
    folds.save('/t/a.jsonl', 30, { v: 4 });
    // Another process sees the committed state only.
    const other = new FoldStore(tmp.ciHome, { readonly: true });
    expect(other.load('/t/a.jsonl', 20)).toEqual({ v: 2 });
    expect(other.load('/t/b.jsonl', 5)).toBeUndefined();
    other.close();
    folds.close();
    const after = new FoldStore(tmp.ciHome, { readonly: true });
    expect(after.load('/t/a.jsonl', 20)).toBeUndefined();
    expect(after.load('/t/a.jsonl', 30)).toEqual({ v: 4 });
    expect(after.load('/t/b.jsonl', 5)).toEqual({ v: 3 });
    after.close();
  });

  it('a dry run never creates the file; an unreadable file is started afresh', () => {
    using tmp = makeTmpHome();
    const dry = new FoldStore(tmp.ciHome, { readonly: true });
    expect(dry.load('/t/a.jsonl', 10)).toBeUndefined();
    dry.close();
    expect(existsSync(foldsPath(tmp.ciHome))).toBe(false);
    mkdirSync(tmp.ciHome, { recursive: true });
    writeFileSync(foldsPath(tmp.ciHome), 'this is not a database, it is garbage '.repeat(200));
    const folds = new FoldStore(tmp.ciHome);
    expect(folds.load('/t/a.jsonl', 10)).toBeUndefined();
    folds.save('/t/a.jsonl', 10, { v: 1 });
    folds.close();
    const after = new FoldStore(tmp.ciHome, { readonly: true });
    expect(after.load('/t/a.jsonl', 10)).toEqual({ v: 1 });
    after.close();
  });
});
