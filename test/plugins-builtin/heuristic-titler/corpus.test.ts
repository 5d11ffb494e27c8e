/**
 * Titles over a generated corpus read by the real Claude Code source plugin. The manifest's `title` (CORPUS.md) is
 * independent truth for sessions whose main file carries a custom-title, ai-title or in-file summary; the others
 * must get a prompt title, or a fallback when they have no human prompt at all.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { capTitle, codePointLength } from '../../../plugins-builtin/heuristic-titler/clean-title.js';
import { heuristicTitler } from '../../../plugins-builtin/heuristic-titler/index.js';
import { CORPUS_TOOLS } from '../../helpers/tmp-home.js';
import { syncRoot, type SyncedSession } from '../../helpers/sync-root.js';

const MAX_LENGTH = 80;

const Manifest = z.object({
  sessions: z.record(
    z.string(),
    z.looseObject({
      humanPromptCount: z.number(),
      title: z.object({ expected: z.string().nullable(), source: z.enum(['custom-title', 'ai-title', 'summary']).nullable() }),
    }),
  ),
});

let dir: string;
let manifest: z.infer<typeof Manifest>;
let all: SyncedSession[];
let mains: SyncedSession[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'titler-corpus-'));
  const args = ['--out', dir, '--projects', '4', '--sessions', '120', '--mb', '4', '--seed', '5'];
  execFileSync(process.execPath, [path.join(CORPUS_TOOLS, 'gen-corpus.mjs'), ...args], { stdio: 'pipe' });
  manifest = Manifest.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
  all = await syncRoot(dir, [heuristicTitler()]);
  mains = all.filter((s) => s.file.kind === 'main');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function entryOf(synced: SyncedSession) {
  const entry = manifest.sessions[synced.session.id];
  if (!entry) throw new Error(`session ${synced.session.id} is not in the manifest`);
  return entry;
}

describe('heuristic titler on a generated corpus', () => {
  it("uses Claude Code's own title exactly where the manifest expects one", () => {
    const titled = mains.filter((s) => entryOf(s).title.expected !== null);
    expect(titled.length).toBeGreaterThan(10);
    for (const synced of titled) {
      const { expected, source } = entryOf(synced).title;
      // Generated titles are short, so the cap must leave them untouched.
      expect(codePointLength(expected!)).toBeLessThanOrEqual(MAX_LENGTH);
      expect(synced.session.title, synced.session.id).toBe(capTitle(expected!, MAX_LENGTH));
      expect(synced.session.title).toBe(expected);
      expect(synced.session.titleSource, synced.session.id).toBe(source);
    }
  });

  it('titles the other main sessions from a prompt, or by fallback when there is no human prompt', () => {
    const untitled = mains.filter((s) => entryOf(s).title.expected === null);
    expect(untitled.length).toBeGreaterThan(50);
    for (const synced of untitled) {
      const { session } = synced;
      expect(session.titleSource, session.id).toBe(entryOf(synced).humanPromptCount > 0 ? 'prompt' : 'fallback');
      expect(session.title?.trim()).toBeTruthy();
    }
  });

  it('gives every transcript, subagents and compactions included, a non-empty title within the cap', () => {
    expect(all.some((s) => s.file.kind === 'subagent')).toBe(true);
    for (const { session } of all) {
      expect(session.title, session.id).toBeTruthy();
      expect(session.title).toBe(session.title?.trim());
      expect(codePointLength(session.title!)).toBeLessThanOrEqual(MAX_LENGTH);
    }
  });

  it('titles a transcript read in small increments exactly as one read in one pass', async () => {
    const pieces = await syncRoot(dir, [heuristicTitler()], 8 * 1024);
    expect(pieces.some((s) => s.increments > 3)).toBe(true);
    const byPath = new Map(all.map((s) => [s.file.path, s.session]));
    for (const { file, session } of pieces) {
      const whole = byPath.get(file.path);
      expect({ title: session.title, titleSource: session.titleSource }).toEqual({ title: whole?.title, titleSource: whole?.titleSource });
    }
  });
});
