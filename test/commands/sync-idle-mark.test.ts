/** The idle mark through the built CLI: a no-op sync that matches it does not read the state; any change is still seen. */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

type SyncJson = { transcripts: Record<string, number>; sessionsWritten: number };

/** Rewrites the state file in place (same inode) and gives it a fixed mtime, so its stamp is known. */
function setState(file: string, content: string): void {
  writeFileSync(file, content);
  utimesSync(file, 1_700_000_000, 1_700_000_000);
}

describe('sync idle mark', () => {
  it('a no-op matching the mark skips the state; a grown transcript or a changed state file is planned again', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    const state = path.join(tmp.ciHome, 'sync-state.json');
    const mark = path.join(tmp.ciHome, 'idle-mark.bin');
    expect(runCliJson<SyncJson>(['sync', '--json'], { env: tmp.env }).sessionsWritten).toBe(8);
    const good = readFileSync(state, 'utf8');
    setState(state, good);

    // Nothing to do, planned against the state: the run leaves a mark.
    expect(runCliJson<SyncJson>(['sync', '--json'], { env: tmp.env }).transcripts).toMatchObject({ discovered: 8, unchanged: 8 });
    expect(existsSync(mark)).toBe(true);

    // Same stamp, unreadable content: a run that read the state would fail; this one trusts the mark.
    setState(state, 'x'.repeat(Buffer.byteLength(good)));
    expect(runCliJson<SyncJson>(['sync', '--json'], { env: tmp.env }).transcripts).toMatchObject({ discovered: 8, unchanged: 8 });
    // A --project run counts its scope, so it reads the state (and fails on it): the mark vouches for all only.
    expect(runCli(['sync', '-q', '--project', 'claude-code-log'], { env: tmp.env }).status).not.toBe(0);

    // A changed state file (another mtime) is read again.
    writeFileSync(state, 'x'.repeat(Buffer.byteLength(good)));
    expect(runCli(['sync', '-q'], { env: tmp.env }).status).not.toBe(0);

    // A transcript that grew is seen although the mark was left for the same state file.
    setState(state, good);
    expect(runCliJson<SyncJson>(['sync', '--json'], { env: tmp.env }).transcripts).toMatchObject({ unchanged: 8 });
    const transcript = firstTranscript(tmp.claudeDir);
    appendFileSync(transcript, `${JSON.stringify({ type: 'user', uuid: 'idle-mark-1', timestamp: '2025-01-01T00:00:00Z', message: { role: 'user', content: 'one more' } })}\n`);
    expect(runCliJson<SyncJson>(['sync', '--json'], { env: tmp.env }).transcripts).toMatchObject({ grown: 1, unchanged: 7 });
  });

  it('a sync that wrote everything it found leaves the mark; one that failed or was scoped does not', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    const state = path.join(tmp.ciHome, 'sync-state.json');
    const mark = path.join(tmp.ciHome, 'idle-mark.bin');
    expect(runCliJson<SyncJson>(['sync', '--json', '--project', 'claude-code-log'], { env: tmp.env }).sessionsWritten).toBe(2);
    expect(existsSync(mark)).toBe(false);
    expect(runCliJson<SyncJson>(['sync', '--json'], { env: tmp.env }).sessionsWritten).toBe(6);
    // Left for the state file as saved (the mark opens with its stamp) and for this very discovery (a no-op's own
    // check leaves the same bytes).
    const st = statSync(state);
    const left = readFileSync(mark);
    expect(left.subarray(0, left.indexOf(10)).toString()).toBe(`${st.ino}:${st.size}:${st.mtimeMs}`);
    expect(runCliJson<SyncJson>(['sync', '--json'], { env: tmp.env }).transcripts).toMatchObject({ discovered: 8, unchanged: 8 });
    expect(readFileSync(mark).equals(left)).toBe(true);

    // A run whose store cannot be opened writes nothing and leaves no mark.
    rmSync(mark);
    appendFileSync(firstTranscript(tmp.claudeDir), `${JSON.stringify({ type: 'user', uuid: 'idle-mark-2', timestamp: '2025-01-01T00:00:00Z', message: { role: 'user', content: 'again' } })}\n`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(tmp.ciHome, `data.db${suffix}`), { force: true });
    mkdirSync(path.join(tmp.ciHome, 'data.db'));
    expect(runCli(['sync', '-q'], { env: tmp.env }).status).toBe(3);
    expect(existsSync(mark)).toBe(false);
  });

  it('a dry run neither leaves nor needs a mark', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    expect(runCli(['sync', '-q'], { env: tmp.env }).status).toBe(0);
    const mark = path.join(tmp.ciHome, 'idle-mark.bin');
    rmSync(mark, { force: true });
    expect(runCli(['sync', '--dry-run'], { env: tmp.env }).status).toBe(0);
    expect(existsSync(mark)).toBe(false);
  });
});

function firstTranscript(dir: string): string {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl') && !f.includes('subagents') && !path.basename(f).startsWith('agent-'));
  const file = path.join(dir, files.sort()[0] as string);
  expect(statSync(file).size).toBeGreaterThan(0);
  return file;
}
