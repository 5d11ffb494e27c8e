/** Per-repository project options through the real pipeline: data-only outside the repository, code inside it. */
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capText } from '../../../src/records/cap-text.js';
import { claudeTranscript, runPlugins } from '../../../src/testing/index.js';
import { LONG_REPLY, makeRepos, type Repos } from './repos.js';

let root: string;
let repos: Repos;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ci-repo-config-'));
  repos = makeRepos(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('repo-config, sync started outside the repositories', () => {
  it('reads JSON/YAML configs as data, skips (and names once) the JS config, never runs it', async () => {
    const result = await runPlugins({ plugins: [], transcripts: repos.transcripts, cwd: repos.elsewhere });
    expect(result.errors).toEqual([]);
    expect(existsSync(repos.marker)).toBe(false);
    const warnings = result.logs.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain(path.join(repos.alphaApp, '.code-insightsrc.mjs'));

    // beta excludes itself; alpha/app's exclusion is in the JS config that did not run.
    const ids = repos.ids;
    expect(result.sessions.map((s) => s.id).sort()).toEqual([ids.alphaApp1, ids.alphaApp2, ids.alphaRoot, ids.plain].sort());
    const byId = new Map(result.sessions.map((s) => [s.id, s]));
    for (const id of [ids.alphaApp1, ids.alphaApp2, ids.alphaRoot]) expect(byId.get(id)?.projectName).toBe('Alpha Display');
    expect(byId.get(ids.plain)?.projectName).toBe('plain');
  });

  it("applies a repository's redaction rules and lower caps to its own sessions only", async () => {
    const result = await runPlugins({ plugins: [], transcripts: repos.transcripts, cwd: repos.elsewhere });
    const replies = (sessionId: string) => result.messages.filter((m) => m.sessionId === sessionId && m.role === 'assistant').map((m) => m.text);
    const redacted = LONG_REPLY.replaceAll('TICKET-123', '[REDACTED:ticket]');
    expect(replies(repos.ids.alphaApp1)).toEqual([capText(redacted, 40)]);
    expect(replies(repos.ids.plain)).toEqual([LONG_REPLY]);
    const alphaSession = result.sessions.find((s) => s.id === repos.ids.alphaApp1);
    expect(JSON.stringify(alphaSession)).not.toContain('TICKET-123');
    expect(alphaSession?.title).toContain('[REDACTED:ticket]');
  });

  it('fails only the transcripts of a repository whose config is invalid, naming file and key', async () => {
    const gamma = path.join(root, 'gamma');
    mkdirSync(path.join(gamma, '.git'), { recursive: true });
    writeFileSync(path.join(gamma, '.code-insightsrc.json'), JSON.stringify({ project: { exclud: true } }));
    const broken = claudeTranscript({ cwd: gamma, exchanges: [{ prompt: 'Anything', reply: 'Sure.' }] });
    const result = await runPlugins({ plugins: [], transcripts: [...repos.transcripts, broken], cwd: repos.elsewhere });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ plugin: 'repo-config', hook: 'enrich' });
    expect(result.errors[0]?.message).toContain(`project: Unrecognized key: "exclud"`);
    expect(result.errors[0]?.message).toContain(path.join(gamma, '.code-insightsrc.json'));
    expect(result.sessions).toHaveLength(4);
  });
});

describe('repo-config, sync started inside a repository', () => {
  it("runs that repository's JS config (here: excluding alpha/app) and warns about nothing", async () => {
    const result = await runPlugins({ plugins: [], transcripts: repos.transcripts, cwd: repos.alphaApp });
    expect(existsSync(repos.marker)).toBe(true);
    expect(result.logs.filter((l) => l.level === 'warn')).toEqual([]);
    const ids = repos.ids;
    expect(result.sessions.map((s) => s.id).sort()).toEqual([ids.alphaRoot, ids.plain].sort());
  });
});
