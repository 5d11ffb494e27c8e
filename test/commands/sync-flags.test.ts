/** sync's flags through the built CLI: --dry-run, --project, --force, --regenerate-titles, -q, --json. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { SessionJson } from '../../src/cli/session-view.js';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

type SyncJson = { transcripts: Record<string, number>; sessionsWritten: number; messagesWritten: number; errors: unknown[] };

describe('sync flags', () => {
  it('--dry-run says what it would do per transcript and writes no store, state or device id', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    const dry = runCli(['sync', '--dry-run'], { env: tmp.env });
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/^new +.*7acd37a8-2745-4b58-a8a9-46164b22ad9e\.jsonl +→ \d+ messages/m);
    expect(dry.stdout).toMatch(/Dry run: 8 new, 0 grown, 0 rewritten, 0 unchanged of 8 transcripts; would write 8 sessions and \d+ messages\. Nothing was written\./);
    expect(existsSync(tmp.ciHome)).toBe(false);
  });

  it('--project matches the real project (the cwd in its records), never the encoded directory; --force is scoped to it', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    const encoded = runCliJson<SyncJson>(['sync', '--json', '--project', '-Users-dain-workspace-claude-code-log-sample'], { env: tmp.env });
    expect(encoded.sessionsWritten).toBe(0);
    // Read to learn their project, found out of scope: pending, and not counted as synced.
    expect(encoded.transcripts).toMatchObject({ discovered: 8, new: 0 });
    const unmatched = runCli(['sync', '--project', 'no-such-project'], { env: tmp.env });
    expect(unmatched.stdout.trim()).toBe(`No transcripts of a project matching "no-such-project" ('code-insights sessions' lists the projects).`);
    const byName = runCliJson<SyncJson>(['sync', '--json', '--project', 'claude-code-log'], { env: tmp.env });
    expect(byName.sessionsWritten).toBe(2);
    expect(byName.transcripts).toMatchObject({ discovered: 8, new: 2 });
    const sessions = runCliJson<SessionJson[]>(['sessions', '--json'], { env: tmp.env });
    expect(sessions.map((s) => s.projectPath)).toEqual(['/Users/dain/workspace/claude-code-log', '/Users/dain/workspace/claude-code-log']);

    expect(runCliJson<SyncJson>(['sync', '--json'], { env: tmp.env }).sessionsWritten).toBe(6);
    const forced = runCliJson<SyncJson>(['sync', '--json', '--force', '--project', '/Users/dain/workspace/JSSoundRecorder'], { env: tmp.env });
    expect(forced.transcripts).toMatchObject({ rewritten: 1 });
    expect(forced.sessionsWritten).toBe(1);
  });

  it('--regenerate-titles recomputes titles from stored digests, keeps a user title, re-sends no message', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    expect(runCli(['sync', '-q'], { env: tmp.env })).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const db = new DatabaseSync(path.join(tmp.ciHome, 'data.db'));
    db.exec("UPDATE sessions SET custom_title = 'Mine', title = 'stale' WHERE id = 'short'");
    db.exec("UPDATE sessions SET title = 'stale' WHERE id = 'fe869ecb-c176-478f-9734-7e4b8ef12cff'");
    const before = (db.prepare('SELECT count(*) AS n, max(rowid) AS last FROM messages').get() as { n: number; last: number });
    db.close();

    const regen = runCliJson<SyncJson & { regenerated: number }>(['sync', '--json', '--regenerate-titles'], { env: tmp.env });
    expect(regen.regenerated).toBe(8);
    const byId = new Map(runCliJson<SessionJson[]>(['sessions', '--json', '--all'], { env: tmp.env }).map((s) => [s.id, s]));
    expect(byId.get('short')).toMatchObject({ title: 'Mine', titleSource: 'user' });
    expect(byId.get('fe869ecb-c176-478f-9734-7e4b8ef12cff')?.title).toBe('Add a Github Action to run tests and linting');
    const after = new DatabaseSync(path.join(tmp.ciHome, 'data.db'), { readOnly: true });
    expect(after.prepare('SELECT count(*) AS n, max(rowid) AS last FROM messages').get()).toEqual(before);
    expect(after.prepare("SELECT custom_title FROM sessions WHERE id = 'short'").get()).toEqual({ custom_title: 'Mine' });
    after.close();
  });

  it('-q prints nothing on success but errors still reach stderr with the exit code', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    expect(runCli(['sync', '-q'], { env: tmp.env })).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const bad = runCli(['sync', '-q', '--project'], { env: tmp.env });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/project/);
  });
});
