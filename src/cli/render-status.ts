/** Human rendering of `status`. */
import type { StatusReport } from '../status/collect-status.js';
import { count } from './count.js';

export function renderStatus(r: StatusReport): string[] {
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`${`${label}:`.padEnd(11)} ${value}`);
  row('Home', r.home);
  row('Config', r.configFiles.length > 0 ? r.configFiles.join(', ') : 'none (defaults)');
  row('Sinks', r.sinks.join(', '));
  row('State', r.state.problem ?? `${r.state.file} (${r.state.tracked} transcripts tracked)`);
  if (r.store?.counts) {
    const c = r.store.counts;
    row(
      'Store',
      `${r.store.file} (${mib(r.store.bytes)}): ${c.projects} projects, ${c.sessions} sessions (+${c.childSessions} subagent), ${c.messages} messages`,
    );
  } else {
    row('Store', 'nothing synced yet');
  }
  if (r.firestore) {
    const f = r.firestore;
    const where = f.emulatorHost ? `emulator ${f.emulatorHost}` : (f.credentialsPath ?? 'no credentials found');
    row('Firestore', `project ${f.projectId ?? '(none)'}, database ${f.databaseId}, ${where}: ${f.probe.ok ? 'reachable' : 'NOT reachable'} (${f.probe.message})`);
  }
  if (r.roots.length === 0) row('Roots', 'no Claude Code transcripts found (set CLAUDE_CONFIG_DIR?)');
  for (const root of r.roots) row('Roots', `${root.root} (${root.transcripts} transcripts)`);
  const p = r.pending;
  if (!p) {
    row('Pending', 'unknown (the state file cannot be read)');
  } else {
    const waiting = p.new + p.grown + p.rewritten;
    const behind = Object.entries(p.behind);
    row('Pending', waiting === 0 && behind.length === 0 ? 'nothing; every transcript is synced' : `${waiting} transcripts (${p.new} new, ${p.grown} grown, ${p.rewritten} rewritten)`);
    for (const [sink, n] of behind) row('Behind', `${sink}: ${count(n, 'transcript')} to send it whole on the next sync`);
  }
  if (r.lastSync) {
    const s = r.lastSync;
    row('Last sync', `${s.at} (exit ${s.exitCode}, ${s.sessionsWritten} sessions written, ${s.failed} failed, ${(s.durationMs / 1000).toFixed(1)}s)`);
  } else {
    row('Last sync', 'never');
  }
  const hook = r.hook;
  if (hook.installed.length === 0) row('Hook', "not installed (run 'code-insights install-hook')");
  for (const where of hook.installed) row('Hook', `installed in ${where.file} (${where.scope})`);
  for (const bad of hook.unreadable) row('Hook', `could not read ${bad.file}: ${bad.error}`);
  if (hook.lastRun) row('Hook run', `${hook.lastRun.finishedAt}: exit ${hook.lastRun.exitCode}${hook.lastRun.error ? ` (${hook.lastRun.error})` : ''}`);
  if (hook.lastFailure && hook.lastFailure !== hook.lastRun) row('Hook fail', `${hook.lastFailure.finishedAt}: ${hook.lastFailure.error ?? `exit ${hook.lastFailure.exitCode}`} (log: ${hook.logFile})`);
  lines.push('Plugins:');
  for (const plugin of r.plugins) lines.push(`  ${plugin.name.padEnd(22)} ${(plugin.provides ?? '-').padEnd(20)} ${plugin.origin}`);
  if (r.projects.length > 0) {
    lines.push('Projects:');
    const width = Math.max(...r.projects.map((x) => x.name.length));
    for (const project of r.projects) {
      lines.push(
        `  ${project.name.padEnd(width)}  ${String(project.sessions).padStart(5)} sessions  ${String(project.messages).padStart(7)} messages  last ${project.lastActivity?.slice(0, 10) ?? '-'}  ${project.idSource === 'git-remote' ? (project.gitRemoteUrl ?? '') : project.path}`,
      );
    }
  }
  return lines;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
