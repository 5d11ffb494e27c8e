/** Discovery: config roots from CLAUDE_CONFIG_DIR / defaults, and every transcript layout under projects/. */
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { discoverTranscripts, resolveClaudeRoots } from '../../../plugins-builtin/claude-code-source/index.js';
import { makeHooks, makeRun } from './harness.js';

let tmp: string;
const LINE = '{"type":"user","message":{"role":"user","content":"hi"}}\n';

/** Writes files (content LINE unless given) under `base`. */
function tree(base: string, files: Record<string, string | null>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(base, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content ?? LINE);
  }
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'ccs-discover-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('discoverTranscripts', () => {
  it('finds main, legacy, current, workflow and compaction transcripts and skips what is not one', () => {
    const root = path.join(tmp, 'layouts');
    const P = 'projects/-home-dev-app';
    tree(root, {
      [`${P}/11111111-aaaa.jsonl`]: null,
      [`${P}/short.jsonl`]: null,
      [`${P}/empty.jsonl`]: '',
      [`${P}/journal.jsonl`]: null,
      [`${P}/sessions-index.json`]: '{}',
      [`${P}/agent-abc12345.jsonl`]: null,
      [`${P}/agent-abc12345.meta.json`]: '{"agentType":"Explore"}',
      [`${P}/agent-acompact-0a1b2c.jsonl`]: null,
      [`${P}/memory/notes.jsonl`]: null,
      [`${P}/tool-results/big.jsonl`]: null,
      [`${P}/11111111-aaaa/subagents/agent-a2271d1.jsonl`]: null,
      [`${P}/11111111-aaaa/subagents/agent-a2271d1.meta.json`]: '{"agentType":"Plan"}',
      [`${P}/11111111-aaaa/subagents/agent-acompact-ffee00.jsonl`]: null,
      [`${P}/11111111-aaaa/subagents/agent-empty.jsonl`]: '',
      [`${P}/11111111-aaaa/subagents/journal.jsonl`]: null,
      [`${P}/11111111-aaaa/subagents/workflows/wf-1/agent-w1.jsonl`]: null,
      [`${P}/11111111-aaaa/subagents/workflows/wf-1/journal.jsonl`]: null,
      [`${P}/11111111-aaaa/tool-results/toolu_1.jsonl`]: null,
      'projects/-other/22222222-bbbb.jsonl': null,
      'projects/stray.jsonl': null,
    });
    const files = discoverTranscripts(resolveClaudeRoots({ env: {}, roots: [root] }), 'claude-code-source');
    const rel = (p: string | undefined) => (p === undefined ? undefined : path.relative(root, p));
    expect(files.map((f) => ({ path: rel(f.path), kind: f.kind, sessionId: f.sessionId, agentId: f.agentId, metaPath: rel(f.metaPath), projectDir: f.projectDir }))).toEqual([
      { path: `${P}/11111111-aaaa.jsonl`, kind: 'main', sessionId: '11111111-aaaa', agentId: undefined, metaPath: undefined, projectDir: '-home-dev-app' },
      { path: `${P}/11111111-aaaa/subagents/agent-a2271d1.jsonl`, kind: 'subagent', sessionId: '11111111-aaaa', agentId: 'a2271d1', metaPath: `${P}/11111111-aaaa/subagents/agent-a2271d1.meta.json`, projectDir: '-home-dev-app' },
      { path: `${P}/11111111-aaaa/subagents/agent-acompact-ffee00.jsonl`, kind: 'compaction', sessionId: '11111111-aaaa', agentId: 'acompact-ffee00', metaPath: undefined, projectDir: '-home-dev-app' },
      { path: `${P}/11111111-aaaa/subagents/workflows/wf-1/agent-w1.jsonl`, kind: 'subagent', sessionId: '11111111-aaaa', agentId: 'w1', metaPath: undefined, projectDir: '-home-dev-app' },
      { path: `${P}/agent-abc12345.jsonl`, kind: 'subagent', sessionId: undefined, agentId: 'abc12345', metaPath: `${P}/agent-abc12345.meta.json`, projectDir: '-home-dev-app' },
      { path: `${P}/agent-acompact-0a1b2c.jsonl`, kind: 'compaction', sessionId: undefined, agentId: 'acompact-0a1b2c', metaPath: undefined, projectDir: '-home-dev-app' },
      { path: `${P}/short.jsonl`, kind: 'main', sessionId: 'short', agentId: undefined, metaPath: undefined, projectDir: '-home-dev-app' },
      { path: 'projects/-other/22222222-bbbb.jsonl', kind: 'main', sessionId: '22222222-bbbb', agentId: undefined, metaPath: undefined, projectDir: '-other' },
    ]);
    for (const f of files) {
      const st = statSync(f.path);
      expect({ source: f.source, root: f.root, size: f.size, mtimeMs: f.mtimeMs, ino: f.ino }).toEqual({ source: 'claude-code-source', root, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino });
    }
  });
});

describe('discoverTranscripts with links and odd names', () => {
  it('follows symlinked project dirs, session dirs and transcripts; a dir named *.jsonl and stray files are skipped', () => {
    const root = path.join(tmp, 'links');
    const elsewhere = path.join(tmp, 'links-elsewhere');
    tree(elsewhere, {
      'proj/33333333-cccc.jsonl': null,
      'sess/subagents/agent-s1.jsonl': null,
      'one.jsonl': null,
    });
    tree(root, {
      'projects/-real/44444444-dddd.jsonl': null,
      'projects/-real/notes.txt': 'not a transcript',
      'projects/-real/dir.jsonl/inner.jsonl': null,
    });
    symlinkSync(path.join(elsewhere, 'proj'), path.join(root, 'projects/-linked'));
    symlinkSync(path.join(elsewhere, 'sess'), path.join(root, 'projects/-real/55555555-eeee'));
    symlinkSync(path.join(elsewhere, 'one.jsonl'), path.join(root, 'projects/-real/66666666-ffff.jsonl'));
    symlinkSync(path.join(elsewhere, 'missing.jsonl'), path.join(root, 'projects/-real/77777777-dead.jsonl'));
    const files = discoverTranscripts(resolveClaudeRoots({ env: {}, roots: [root] }), 'claude-code-source');
    expect(files.map((f) => [path.relative(root, f.path), f.kind, f.sessionId])).toEqual([
      ['projects/-linked/33333333-cccc.jsonl', 'main', '33333333-cccc'],
      ['projects/-real/44444444-dddd.jsonl', 'main', '44444444-dddd'],
      ['projects/-real/55555555-eeee/subagents/agent-s1.jsonl', 'subagent', '55555555-eeee'],
      ['projects/-real/66666666-ffff.jsonl', 'main', '66666666-ffff'],
    ]);
  });
});

describe('discoverTranscripts order', () => {
  it('lists paths sorted as plain strings, whatever order the directories return them in', () => {
    const root = path.join(tmp, 'order');
    tree(root, {
      'projects/-a/s1.jsonl': null,
      'projects/-a/s1/subagents/agent-x.jsonl': null,
      'projects/-a/s1-b.jsonl': null,
      'projects/-a/s1.b.jsonl': null,
      'projects/-a/S2.jsonl': null,
      'projects/-a-b/s.jsonl': null,
      'projects/-a.b/s.jsonl': null,
      'projects/-a/s1/subagents/agent-x-1.jsonl': null,
      'projects/-a/s1/subagents/workflows/w/agent-y.jsonl': null,
    });
    const paths = discoverTranscripts(resolveClaudeRoots({ env: {}, roots: [root] }), 'claude-code-source').map((f) => f.path);
    expect(paths).toHaveLength(9);
    expect(paths).toEqual([...paths].sort());
  });
});

describe('resolveClaudeRoots', () => {
  it('takes CLAUDE_CONFIG_DIR as a comma list: trimmed, ~ expanded, a projects/ dir itself accepted, missing entries and duplicates dropped', () => {
    const home = path.join(tmp, 'home-a');
    tree(home, { 'cfg-one/projects/p/a.jsonl': null, 'cfg-two/projects/p/b.jsonl': null, '.claude/projects/p/c.jsonl': null });
    symlinkSync(path.join(home, 'cfg-one'), path.join(home, 'cfg-link'));
    const env = {
      HOME: home,
      CLAUDE_CONFIG_DIR: ` ${path.join(home, 'cfg-one')} , ~/cfg-two/projects,${path.join(home, 'missing')},,~/cfg-link ,~/cfg-two/projects/`,
    };
    expect(resolveClaudeRoots({ env })).toEqual([
      { root: path.join(home, 'cfg-one'), projectsDir: path.join(home, 'cfg-one/projects') },
      { root: path.join(home, 'cfg-two'), projectsDir: path.join(home, 'cfg-two/projects') },
    ]);
    // Only the listed roots: no fallback to ~/.claude even when none of them exists.
    expect(resolveClaudeRoots({ env: { HOME: home, CLAUDE_CONFIG_DIR: path.join(home, 'missing') } })).toEqual([]);
  });

  it('falls back to ${XDG_CONFIG_HOME:-~/.config}/claude then ~/.claude, keeping those with projects/', () => {
    const home = path.join(tmp, 'home-b');
    tree(home, { '.config/claude/projects/p/a.jsonl': null, '.claude/projects/p/b.jsonl': null, 'xdg/claude/projects/p/c.jsonl': null });
    expect(resolveClaudeRoots({ env: { HOME: home } }).map((r) => r.root)).toEqual([path.join(home, '.config/claude'), path.join(home, '.claude')]);
    expect(resolveClaudeRoots({ env: { HOME: home, CLAUDE_CONFIG_DIR: '  ' } }).map((r) => r.root)).toEqual([path.join(home, '.config/claude'), path.join(home, '.claude')]);
    expect(resolveClaudeRoots({ env: { HOME: home, XDG_CONFIG_HOME: path.join(home, 'xdg') } }).map((r) => r.root)).toEqual([path.join(home, 'xdg/claude'), path.join(home, '.claude')]);
    const bare = path.join(tmp, 'home-c');
    tree(bare, { '.claude/settings.json': '{}' });
    expect(resolveClaudeRoots({ env: { HOME: bare } })).toEqual([]);
  });

  it('lets the roots option override CLAUDE_CONFIG_DIR', () => {
    const home = path.join(tmp, 'home-d');
    tree(home, { 'x/projects/p/a.jsonl': null, 'y/projects/p/b.jsonl': null });
    expect(resolveClaudeRoots({ env: { HOME: home, CLAUDE_CONFIG_DIR: path.join(home, 'x') }, roots: ['~/y'] }).map((r) => r.root)).toEqual([path.join(home, 'y')]);
  });
});

describe('the discover hook', () => {
  it('reads HOME and CLAUDE_CONFIG_DIR when it runs, not when the plugin was applied, and appends to the list', async () => {
    const one = path.join(tmp, 'home-e1');
    const two = path.join(tmp, 'home-e2');
    tree(one, { '.claude/projects/p/s-one.jsonl': null });
    tree(two, { '.claude/projects/p/s-two.jsonl': null, 'cfg/projects/q/s-cfg.jsonl': null });
    vi.stubEnv('HOME', one);
    vi.stubEnv('XDG_CONFIG_HOME', '');
    vi.stubEnv('CLAUDE_CONFIG_DIR', '');
    const hooks = await makeHooks();
    const run = makeRun();
    const earlier = { source: 'other', path: '/x', root: '/', projectDir: 'x', kind: 'main' as const, size: 1, mtimeMs: 0, ino: 0 };
    const names = async () => (await hooks.discover.promise([earlier], run)).map((f) => path.basename(f.path));
    expect(await names()).toEqual(['x', 's-one.jsonl']);
    vi.stubEnv('HOME', two);
    expect(await names()).toEqual(['x', 's-two.jsonl']);
    vi.stubEnv('CLAUDE_CONFIG_DIR', '~/cfg');
    expect(await names()).toEqual(['x', 's-cfg.jsonl']);
  });
});
