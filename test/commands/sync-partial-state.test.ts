/**
 * A sync after a few transcripts changed reads and writes only their lines of the state (the idle mark vouches for
 * the rest), and ends with exactly the state and store a sync that reads the whole state ends with.
 */
import { appendFileSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendCorpus, generateCorpus } from '../helpers/corpus.js';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { dumpStore } from '../helpers/store-dump.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';

type SyncJson = { transcripts: Record<string, number>; sessionsWritten: number; messagesWritten: number; errors: unknown[] };

/** Rewrites the state file in place (same inode) with a fixed mtime: same length, same stamp. */
function setState(file: string, content: string): void {
  writeFileSync(file, content);
  utimesSync(file, 1_700_000_000, 1_700_000_000);
}

function transcripts(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => path.join(dir, f))
    .sort();
}

describe('sync with a partial state read', () => {
  it('leaves the lines of transcripts the mark vouches for unread and unchanged', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    const state = path.join(tmp.ciHome, 'sync-state.json');
    expect(runCliJson<SyncJson>(['sync', '--json'], { env: tmp.env }).sessionsWritten).toBe(8);
    setState(state, readFileSync(state, 'utf8'));
    // Plans against the state as it now is, and leaves the mark for it.
    expect(runCliJson<SyncJson>(['sync', '--json'], { env: tmp.env }).transcripts).toMatchObject({ unchanged: 8 });

    // Another transcript's line made unreadable, with the stamp kept: only a run that reads it can tell.
    const grown = transcripts(tmp.claudeDir).find((f) => path.basename(f) === '0d3a8e6f-290f-4105-a327-a2496e5e2a83.jsonl') as string;
    const lines = readFileSync(state, 'utf8').split('\n');
    const victim = lines.findIndex((line) => line.startsWith('"') && !line.includes('0d3a8e6f-290f-4105-a327-a2496e5e2a83'));
    const poisoned = (lines[victim] as string).replace('"sessionId":', '"sessionIX":');
    lines[victim] = poisoned;
    setState(state, lines.join('\n'));

    appendFileSync(grown, `${JSON.stringify({ type: 'user', uuid: 'partial-1', sessionId: '0d3a8e6f-290f-4105-a327-a2496e5e2a83', timestamp: '2025-01-01T00:00:00Z', message: { role: 'user', content: 'one more' } })}\n`);
    const sync = runCliJson<SyncJson>(['sync', '--json'], { env: tmp.env });
    expect(sync).toMatchObject({ transcripts: { discovered: 8, grown: 1, unchanged: 7 }, messagesWritten: 1, errors: [] });
    const after = readFileSync(state, 'utf8');
    expect(after.split('\n')).toContain(poisoned);
    const line = after.split('\n').find((l) => l.startsWith(JSON.stringify(grown))) as string;
    expect(JSON.parse(`{${line.replace(/,$/, '')}}`)[grown].offset).toBe(readFileSync(grown).length);

    // A run that reads the whole state finds the poisoned line.
    rmSync(path.join(tmp.ciHome, 'idle-mark.bin'));
    const full = runCli(['sync', '-q'], { env: tmp.env });
    expect(full.status).toBe(2);
    expect(full.stderr).toContain('is corrupt');
  });

  it('stores and remembers exactly what a sync that reads the whole state does, round after round', () => {
    using partial = makeTmpHome();
    using whole = makeTmpHome();
    generateCorpus(partial.claudeDir, { projects: 2, sessions: 14, mb: 1, seed: 'partial' });
    mkdirSync(whole.ciHome, { recursive: true });
    const env = (home: TmpHome) => ({ ...home.env, CLAUDE_CONFIG_DIR: partial.claudeDir });
    const syncBoth = () => {
      const a = runCliJson<SyncJson & { durationMs?: number }>(['sync', '--json'], { env: env(partial) });
      // No mark: this home plans every transcript against the whole state.
      rmSync(path.join(whole.ciHome, 'idle-mark.bin'), { force: true });
      const b = runCliJson<SyncJson & { durationMs?: number }>(['sync', '--json'], { env: env(whole) });
      expect(a.errors).toEqual([]);
      expect({ ...a, durationMs: 0 }).toEqual({ ...b, durationMs: 0 });
      expect(dumpStore(partial.ciHome)).toEqual(dumpStore(whole.ciHome));
      expect(stateWithoutTimes(partial.ciHome)).toEqual(stateWithoutTimes(whole.ciHome));
      return a;
    };
    runCliJson(['sync', '--json'], { env: env(partial) });
    copyFileSync(path.join(partial.ciHome, 'device.json'), path.join(whole.ciHome, 'device.json'));
    runCliJson(['sync', '--json'], { env: env(whole) });
    expect(dumpStore(partial.ciHome)).toEqual(dumpStore(whole.ciHome));

    const files = transcripts(partial.claudeDir);
    const subagent = files.find((f) => f.includes(`${path.sep}subagents${path.sep}`)) as string;
    const main = path.join(path.dirname(path.dirname(path.dirname(subagent))), `${path.basename(path.dirname(path.dirname(subagent)))}.jsonl`);
    const lastLine = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').at(-1) as string;

    // A subagent file grows: its main session's roll-up is emitted again.
    appendFileSync(subagent, `${lastLine(subagent)}\n`);
    expect(syncBoth().transcripts).toMatchObject({ grown: 1 });
    // Its main transcript grows, and a new subagent file appears in its session.
    appendFileSync(main, `${lastLine(main)}\n`);
    const sessionId = path.basename(path.dirname(path.dirname(subagent)));
    const prompt = { type: 'user', uuid: 'partial-new-1', sessionId, isSidechain: true, timestamp: '2025-01-01T00:00:00Z', message: { role: 'user', content: 'look around' } };
    writeFileSync(path.join(path.dirname(subagent), 'agent-afeedbeefcafe001.jsonl'), `${JSON.stringify(prompt)}\n`);
    expect(syncBoth().transcripts).toMatchObject({ grown: 1, new: 1 });
    // A new session, and a transcript cut short (rewritten: read again from its start, replacing what was stored).
    const other = files.find((f) => f !== main && !f.includes(`${path.sep}subagents${path.sep}`) && !path.basename(f).startsWith('agent-')) as string;
    copyFileSync(other, path.join(path.dirname(other), '0f0e0d0c-0b0a-4998-8776-655443322110.jsonl'));
    const lines = readFileSync(main, 'utf8').split('\n');
    writeFileSync(main, `${lines.slice(0, Math.ceil(lines.length / 2)).join('\n')}\n`);
    expect(syncBoth().transcripts).toMatchObject({ new: 1, rewritten: 1 });
    // The generator's own growth: appended lines, new sessions and subagent files of every layout.
    for (let round = 0; round < 2; round++) {
      appendCorpus(partial.claudeDir, 0.15);
      syncBoth();
    }
    // Nothing changed: both are no-ops.
    expect(syncBoth().transcripts.unchanged).toBe(transcripts(partial.claudeDir).length);
  });
});

/** The state file's text with the sync times (which differ between the two homes' runs) blanked. */
function stateWithoutTimes(home: string): string {
  return readFileSync(path.join(home, 'sync-state.json'), 'utf8').replace(/"syncedAt":"[^"]*"/g, '"syncedAt":""');
}
