/** `search` through the built CLI, over transcripts written here so every hit is known. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { makeTmpHome } from '../helpers/tmp-home.js';
import { writeSession } from '../helpers/write-transcript.js';

interface Hit {
  sessionId: string;
  sessionTitle: string | null;
  sessionKind: string;
  projectName: string;
  messageId: string;
  order: number;
  role: string;
  snippet: string;
}

describe('code-insights search', () => {
  it('finds messages by their words across projects, one project with --project, as text and as JSON', () => {
    using tmp = makeTmpHome();
    writeSession(tmp, 'alpha-1', '/work/alpha', 'Why does the walrus parser crash on empty input?', 'The walrus parser reads past the end.');
    writeSession(tmp, 'beta-1', '/work/beta', 'Rename the config loader', 'Renamed it; the \u001b[31mwalrus\u001b[0m tests\u001b]0;owned\u0007 pass.');
    writeSession(tmp, 'beta-2', '/work/beta', 'Add a cache to the resolver', 'Added an LRU cache.');
    expect(runCli(['sync', '-q'], { env: tmp.env }).status).toBe(0);

    const hits = runCliJson<Hit[]>(['search', 'walrus', '--json'], { env: tmp.env });
    expect(hits.map((h) => `${h.sessionId}/${h.role}`).sort()).toEqual(['alpha-1/assistant', 'alpha-1/user', 'beta-1/assistant']);
    const prompt = hits.find((h) => h.sessionId === 'alpha-1' && h.role === 'user');
    expect(prompt).toMatchObject({ projectName: 'alpha', sessionKind: 'main', order: 0 });
    expect(prompt?.snippet).toContain('[walrus]');

    expect(runCliJson<Hit[]>(['search', 'walrus', 'parser', '--json'], { env: tmp.env }).map((h) => h.sessionId)).toEqual(['alpha-1', 'alpha-1']);
    expect(runCliJson<Hit[]>(['search', 'walrus', '--project', 'beta', '--json'], { env: tmp.env }).map((h) => h.sessionId)).toEqual(['beta-1']);
    expect(runCliJson<Hit[]>(['search', 'wal*', '--limit', '1', '--json'], { env: tmp.env })).toHaveLength(1);
    expect(runCliJson<Hit[]>(['search', 'resolv*', '--json'], { env: tmp.env }).map((h) => h.sessionId)).toEqual(['beta-2']);

    const text = runCli(['search', 'walrus', '--project', '/work/beta'], { env: tmp.env });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('1 message with "walrus":');
    expect(text.stdout).toMatch(/2025-06-01 10:00 {2}beta · .*\(beta-1 #1\)/);
    // What a transcript's tool output put there (colours, a window title) never reaches the terminal.
    expect(text.stdout).toContain('assistant: Renamed it; the [walrus] tests pass.');
    expect(text.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/u);

    const none = runCli(['search', 'narwhal', '--project', 'beta'], { env: tmp.env });
    expect(none.status).toBe(0);
    expect(none.stdout.trim()).toBe('No message contains "narwhal" in project beta.');
  });

  it('says to sync first when nothing is stored, or that the config keeps no local store, and refuses an empty query with exit 2', () => {
    using tmp = makeTmpHome();
    const empty = runCli(['search', 'walrus'], { env: tmp.env });
    expect(empty.status).toBe(0);
    expect(empty.stdout.trim()).toBe("Nothing stored yet: run 'code-insights sync' first.");
    expect(runCliJson(['search', 'walrus', '--json'], { env: tmp.env })).toEqual([]);

    // A config that syncs to Firestore only has no local store to read: say so, not "sync first".
    mkdirSync(tmp.ciHome, { recursive: true });
    writeFileSync(path.join(tmp.ciHome, 'config.json'), JSON.stringify({ sink: 'firestore' }));
    const remote = 'No local store: sync writes to firestore only (config "sink"), and this command reads the local store.';
    expect(runCli(['search', 'walrus'], { env: tmp.env }).stdout).toContain(remote);
    expect(runCli(['sessions'], { env: tmp.env }).stdout).toContain(remote);
    expect(runCli(['show', 'abc'], { env: tmp.env })).toMatchObject({ status: 2, stderr: expect.stringContaining('No local store: sync writes to firestore only') });

    const blank = runCli(['search', ' * '], { env: tmp.env });
    expect(blank.status).toBe(2);
    expect(blank.stderr).toContain('Nothing to search for');
    expect(runCli(['search'], { env: tmp.env }).status).toBe(2);
  });
});
