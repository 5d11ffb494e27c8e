/**
 * `stats` through the built CLI over a generated corpus: totals and splits equal what its manifest (the independent
 * truth) adds up to, for all projects, one project and a start time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { StoreStats } from '../../plugins-builtin/sqlite-sink/index.js';
import type { SessionJson } from '../../src/cli/session-view.js';
import { generateCorpus, readManifest, toUsage, type Manifest, type ManifestFile } from '../helpers/corpus.js';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

type StatsJson = StoreStats & { project: string | null; since: string | null };

/** What the manifest's files add up to. */
function expected(files: ManifestFile[]) {
  const sum = (pick: (f: ManifestFile) => number) => files.reduce((n, f) => n + pick(f), 0);
  const usage = files.map((f) => toUsage(f.usage));
  return {
    sessions: files.filter((f) => f.kind === 'main').length,
    childSessions: files.filter((f) => f.kind !== 'main').length,
    humanPrompts: sum((f) => f.humanPromptCount),
    toolCalls: sum((f) => f.toolCallCount),
    toolErrors: sum((f) => f.toolErrorCount),
    usage: {
      inputTokens: usage.reduce((n, u) => n + u.inputTokens, 0),
      outputTokens: usage.reduce((n, u) => n + u.outputTokens, 0),
      cacheCreationTokens: usage.reduce((n, u) => n + u.cacheCreationTokens, 0),
      cacheReadTokens: usage.reduce((n, u) => n + u.cacheReadTokens, 0),
    },
  };
}

/** The Monday (UTC) of the week of `iso`. */
function mondayOf(iso: string): string {
  const day = new Date(`${iso.slice(0, 10)}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('code-insights stats', () => {
  const tmp = makeTmpHome();
  let manifest: Manifest;
  let files: ManifestFile[];
  beforeAll(() => {
    generateCorpus(tmp.claudeDir, { projects: 3, sessions: 30, mb: 2, seed: 'stats' });
    manifest = readManifest(tmp.claudeDir);
    files = Object.values(manifest.files);
    expect(runCli(['sync', '-q'], { env: tmp.env }).status).toBe(0);
    return () => tmp[Symbol.dispose]();
  });

  it('adds up every transcript of the manifest once, by project and by week', () => {
    const stats = runCliJson<StatsJson>(['stats', '--json'], { env: tmp.env });
    expect(stats).toMatchObject({ project: null, since: null, ...expected(files) });
    const stored = runCliJson<SessionJson[]>(['sessions', '--all', '--json'], { env: tmp.env });
    expect(stats.messages).toBe(stored.reduce((n, s) => n + s.messageCount, 0));

    const mains = files.filter((f) => f.kind === 'main');
    const nameOf = new Map(stored.map((s) => [s.projectPath, s.projectName]));
    expect(Object.fromEntries(stats.byProject.map((p) => [p.projectName, p.sessions]))).toEqual(countBy(mains, (f) => nameOf.get(f.cwd) ?? f.cwd));
    expect(Object.fromEntries(stats.byWeek.map((w) => [w.weekOf, w.sessions]))).toEqual(countBy(mains, (f) => mondayOf(f.firstTimestamp)));
    expect(Object.fromEntries(stats.byCharacter.map((c) => [c.character ?? 'null', c.sessions]))).toEqual(
      countBy(stored.filter((s) => s.kind === 'main'), (s) => s.character ?? 'null'),
    );
    expect(stats.byModel.reduce((n, m) => n + m.usage.outputTokens, 0)).toBe(stats.usage.outputTokens);
  });

  it('counts one project, or the sessions started since a time, as the manifest does', () => {
    const stored = runCliJson<SessionJson[]>(['sessions', '--all', '--json'], { env: tmp.env });
    const first = stored.find((s) => s.kind === 'main');
    if (!first) throw new Error('no main session stored');
    const ofProject = files.filter((f) => f.cwd === first.projectPath);
    expect(runCliJson<StatsJson>(['stats', '--project', first.projectName, '--json'], { env: tmp.env })).toMatchObject({ project: first.projectName, ...expected(ofProject) });

    const starts = files.map((f) => f.firstTimestamp).sort();
    const cut = starts[Math.floor(starts.length / 2)] ?? '';
    const since = runCliJson<StatsJson>(['stats', '--since', cut, '--json'], { env: tmp.env });
    expect(since).toMatchObject({ since: new Date(cut).toISOString(), ...expected(files.filter((f) => f.firstTimestamp >= cut)) });
  });

  it('prints the totals for people, says when nothing matches, and refuses a --since that names no time', () => {
    const text = runCli(['stats'], { env: tmp.env });
    expect(text.status).toBe(0);
    const totals = expected(files);
    expect(text.stdout.split('\n')[0]).toMatch(new RegExp(`^All projects: ${totals.sessions} sessions \\(\\+${totals.childSessions} subagent or compaction transcripts?\\), `));
    expect(text.stdout).toContain(`tool calls ${totals.toolCalls.toLocaleString('en-US')} (${totals.toolErrors.toLocaleString('en-US')} failed`);
    for (const header of ['By project', 'By character', 'By model', 'By week (from Monday, UTC)']) expect(text.stdout).toContain(header);

    expect(runCli(['stats', '--since', '2999-01-01'], { env: tmp.env }).stdout.trim()).toBe('All projects since 2999-01-01 00:00 UTC: no sessions.');
    const bad = runCli(['stats', '--since', 'yesterday'], { env: tmp.env });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--since yesterday names no time');
  });
});
