/**
 * Transcripts Claude Code deleted: the next sync that writes forgets their cursors and folds, so the state stays the
 * size of what is on disk; their sessions stay in the store. Scoped runs and dry runs forget nothing.
 */
import { appendFileSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

type SyncJson = { transcripts: Record<string, number> };

const GONE_SESSION = '03eb5929-52b3-4b13-ada3-b93ae35806b8';
const GONE_FILE = `projects/-experiments-ideas/${GONE_SESSION}.jsonl`;
const GONE_SUBAGENT = 'projects/-src-experiments-claude_p/29ccd257-68b1-427f-ae5f-6524b7cb6f20/subagents/agent-a2271d1.jsonl';
const GROWING = 'projects/-Users-dain-workspace-JSSoundRecorder/7acd37a8-2745-4b58-a8a9-46164b22ad9e.jsonl';
// Emptied, as if about to be rewritten: discovery skips empty files, but it is not gone.
const EMPTIED = 'projects/-home-USER-spotter/short.jsonl';

function cursors(ciHome: string): string[] {
  return Object.keys((JSON.parse(readFileSync(path.join(ciHome, 'sync-state.json'), 'utf8')) as { files: object }).files);
}

function foldPaths(ciHome: string): string[] {
  const db = new DatabaseSync(path.join(ciHome, 'folds.db'), { readOnly: true });
  try {
    return db.prepare('SELECT path FROM folds').all().map((row) => String(row['path']));
  } finally {
    db.close();
  }
}

describe('sync forgets transcripts that are gone', () => {
  it('drops their cursors and folds on the next writing sync, keeps their sessions, and a live session’s subagents', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    const at = (rel: string) => path.join(tmp.claudeDir, rel);
    let line = 0;
    const grow = () => appendFileSync(at(GROWING), `${JSON.stringify({ type: 'user', uuid: `forget-${(line += 1)}`, timestamp: '2025-01-01T00:00:00Z', message: { role: 'user', content: 'one more' } })}\n`);
    expect(runCli(['sync', '-q'], { env: tmp.env }).status).toBe(0);
    expect(cursors(tmp.ciHome)).toHaveLength(8);

    rmSync(at(GONE_FILE));
    rmSync(at(GONE_SUBAGENT));
    // A cursor under a config root this discovery does not cover (another CLAUDE_CONFIG_DIR) must survive.
    const stateFile = path.join(tmp.ciHome, 'sync-state.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { files: Record<string, unknown> };
    const elsewhere = path.join(tmp.root, 'other-config/projects/x/y.jsonl');
    state.files[elsewhere] = state.files[at(GROWING)];
    writeFileSync(stateFile, JSON.stringify(state));

    // Scoped and dry runs saw only part of the picture, or write nothing: they forget nothing.
    grow();
    expect(runCli(['sync', '--dry-run', '-q'], { env: tmp.env }).status).toBe(0);
    expect(runCliJson<SyncJson>(['sync', '--json', '--project', 'JSSoundRecorder'], { env: tmp.env }).transcripts).toMatchObject({ grown: 1 });
    expect(cursors(tmp.ciHome)).toContain(at(GONE_FILE));
    expect(foldPaths(tmp.ciHome)).toContain(at(GONE_FILE));

    grow();
    truncateSync(at(EMPTIED), 0);
    expect(runCliJson<SyncJson>(['sync', '--json'], { env: tmp.env }).transcripts).toMatchObject({ discovered: 5, grown: 1, unchanged: 4 });
    const kept = cursors(tmp.ciHome);
    expect(kept).not.toContain(at(GONE_FILE));
    expect(foldPaths(tmp.ciHome)).not.toContain(at(GONE_FILE));
    // The subagent's session still has its main transcript, whose roll-ups read the subagent's fold.
    expect(kept).toContain(at(GONE_SUBAGENT));
    expect(foldPaths(tmp.ciHome)).toContain(at(GONE_SUBAGENT));
    expect(kept).toContain(elsewhere);
    expect(kept).toContain(at(EMPTIED));
    expect(kept).toHaveLength(8); // 8 synced, 1 forgotten, 1 from elsewhere

    // The store keeps the session whose transcript is gone: it is history now.
    const sessions = runCliJson<Array<{ id: string }>>(['sessions', '--json'], { env: tmp.env });
    expect(sessions.map((s) => s.id)).toContain(GONE_SESSION);
    // Nothing left to do, and the next no-op finds the state as the last sync left it.
    expect(runCliJson<SyncJson>(['sync', '--json'], { env: tmp.env }).transcripts).toMatchObject({ discovered: 5, unchanged: 5 });
  });
});
