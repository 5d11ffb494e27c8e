/**
 * Generated corpora (shared/tools/gen-corpus.mjs) synced through the built CLI: every per-file value of the manifest
 * that code-insights stores equals what `sessions --json` reports, and many small incremental syncs store exactly
 * what one `--force` sync of the final files stores.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendCorpus, generateCorpus, type Manifest, readManifest, sessionIdOf, toUsage, verifyCorpus } from '../helpers/corpus.js';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { dumpStore } from '../helpers/store-dump.js';
import { makeTmpHome } from '../helpers/tmp-home.js';
import type { SessionJson } from '../../src/cli/session-view.js';


const TITLE_SOURCE: Record<string, string> = { 'custom-title': 'custom-title', 'ai-title': 'ai-title', summary: 'summary' };

function expectMatchesManifest(manifest: Manifest, sessions: SessionJson[]): void {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  expect(sessions).toHaveLength(Object.keys(manifest.files).length);
  for (const [rel, file] of Object.entries(manifest.files)) {
    const id = sessionIdOf(file);
    const s = byId.get(id);
    expect(s, `${rel} → ${id}`).toBeDefined();
    expect(s, rel).toMatchObject({
      kind: file.kind,
      parentSessionId: file.kind === 'main' ? null : (file.parentSessionId ?? file.sessionId),
      agentId: file.kind === 'main' ? null : (file.agentId ?? null),
      projectPath: file.cwd,
      humanPromptCount: file.humanPromptCount,
      assistantMessageCount: file.assistantMessageCount,
      toolCallCount: file.toolCallCount,
      toolErrorCount: file.toolErrorCount,
      compactionCount: file.compactionCount,
      usage: toUsage(file.usage),
      models: file.models,
      startedAt: file.firstTimestamp,
      endedAt: file.lastTimestamp,
    });
  }
  for (const [sid, session] of Object.entries(manifest.sessions)) {
    const s = byId.get(sid);
    expect(s?.usageWithSubagents, `roll-up of ${sid}`).toEqual(toUsage(session.usage));
    if (session.title.expected !== null) {
      expect(s?.title, `title of ${sid}`).toBe(session.title.expected);
      expect(s?.titleSource).toBe(TITLE_SOURCE[session.title.source ?? '']);
    } else {
      expect(s?.title, `fallback title of ${sid}`).toBeTruthy();
    }
  }
}

describe('sync of generated corpora', () => {
  let corpusDir: string;
  const tmp = makeTmpHome();
  beforeAll(() => {
    corpusDir = tmp.claudeDir;
    generateCorpus(corpusDir, { projects: 3, sessions: 40, mb: 3, seed: '42' });
    verifyCorpus(corpusDir);
    return () => tmp[Symbol.dispose]();
  });

  it('stores every manifest value, for every transcript', () => {
    const sync = runCliJson<{ transcripts: Record<string, number>; errors: unknown[] }>(['sync', '--json'], { env: tmp.env });
    expect(sync.errors).toEqual([]);
    const manifest = readManifest(corpusDir);
    expect(sync.transcripts.discovered).toBe(manifest.totals.files);
    expectMatchesManifest(manifest, runCliJson<SessionJson[]>(['sessions', '--all', '--json'], { env: tmp.env }));
  });

  it('the store written from a worker thread (writer: thread) equals the one written inline', () => {
    using threaded = makeTmpHome();
    using inline = makeTmpHome();
    for (const [home, writer] of [[threaded, 'thread'], [inline, 'inline']] as const) {
      mkdirSync(home.ciHome, { recursive: true });
      writeFileSync(path.join(home.ciHome, 'config.json'), JSON.stringify({ options: { 'sqlite-sink': { writer } } }));
      if (home === inline) copyFileSync(path.join(threaded.ciHome, 'device.json'), path.join(inline.ciHome, 'device.json'));
      const result = runCli(['sync', '-q'], { env: { ...home.env, CLAUDE_CONFIG_DIR: corpusDir } });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
    expectMatchesManifest(readManifest(corpusDir), runCliJson<SessionJson[]>(['sessions', '--all', '--json'], { env: threaded.env }));
    expect(dumpStore(threaded.ciHome)).toEqual(dumpStore(inline.ciHome));
  });
});

describe('incremental invariant', () => {
  it('many small increments (appends, partial tails, bad lines) store exactly what one --force sync stores', () => {
    using a = makeTmpHome();
    using b = makeTmpHome();
    generateCorpus(a.claudeDir, { projects: 2, sessions: 16, mb: 1.5, seed: '9', partialTail: true, malformedRate: 0.01 });
    const sync = (env: NodeJS.ProcessEnv, ...extra: string[]) => {
      const result = runCli(['sync', '-q', ...extra], { env });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    };
    sync(a.env);
    for (let i = 0; i < 3; i++) {
      appendCorpus(a.claudeDir, 0.4, { partialTail: i < 2 });
      sync(a.env);
    }
    verifyCorpus(a.claudeDir);
    expectMatchesManifest(readManifest(a.claudeDir), runCliJson<SessionJson[]>(['sessions', '--all', '--json'], { env: a.env }));

    // Same device id, same transcripts, one forced pass.
    mkdirSync(b.ciHome, { recursive: true });
    copyFileSync(path.join(a.ciHome, 'device.json'), path.join(b.ciHome, 'device.json'));
    sync({ ...b.env, CLAUDE_CONFIG_DIR: a.claudeDir }, '--force');
    expect(dumpStore(a.ciHome)).toEqual(dumpStore(b.ciHome));
  });
});
