/** `stats` for a terminal: totals, then sessions by project, character, model and week. */
import type { StoreStats } from '../../plugins-builtin/sqlite-sink/index.js';
import { count } from './count.js';
import { printable } from './printable.js';
import { characterLabel, clip } from './session-view.js';

/** Rows of the longer breakdowns shown; `--json` has them all. */
const MAX_PROJECTS = 10;
const MAX_WEEKS = 12;
const NAME_WIDTH = 28;

/** The lines `stats` prints; `scope` says what was counted (`all projects`, `project api since 2025-06-01`). */
export function statsLines(stats: StoreStats, scope: string): string[] {
  const span = stats.firstStartedAt && stats.lastStartedAt ? `, ${stats.firstStartedAt.slice(0, 10)} → ${stats.lastStartedAt.slice(0, 10)}` : '';
  const children = stats.childSessions > 0 ? ` (+${counted(stats.childSessions, 'subagent or compaction transcript')})` : '';
  const failed = stats.toolCalls > 0 ? ` (${number(stats.toolErrors)} failed, ${percent(stats.toolErrors, stats.toolCalls)})` : '';
  const u = stats.usage;
  const unpriced = stats.unpricedSessions > 0 ? ` (${counted(stats.unpricedSessions, 'session')} used a model without a price: not counted)` : '';
  const lines = [
    `${scope}: ${counted(stats.sessions, 'session')}${children}${span}`,
    `  messages ${number(stats.messages)} · prompts ${number(stats.humanPrompts)} · tool calls ${number(stats.toolCalls)}${failed}`,
    `  tokens in ${number(u.inputTokens)} · out ${number(u.outputTokens)} · cache write ${number(u.cacheCreationTokens)} · cache read ${number(u.cacheReadTokens)}`,
    `  estimated cost ${usd(stats.costUsd)}${unpriced}`,
  ];

  const projects = stats.byProject.slice(0, MAX_PROJECTS);
  lines.push('', ...table(['By project', 'sessions', 'messages', 'cost'], projects.map((p) => [printable(p.projectName), number(p.sessions), number(p.messages), usd(p.costUsd)])));
  if (stats.byProject.length > projects.length) lines.push(`  … ${count(stats.byProject.length - projects.length, 'more project')} (--json lists all)`);

  const decided = stats.byCharacter.reduce((n, c) => n + c.sessions, 0);
  lines.push('', ...table(['By character', 'sessions', 'share'], stats.byCharacter.map((c) => [c.character === null ? '(none)' : characterLabel(c.character), number(c.sessions), percent(c.sessions, decided)])));

  lines.push(
    '',
    ...table(
      ['By model', 'transcripts', 'out tokens', 'in tokens'],
      stats.byModel.map((m) => [printable(m.model), number(m.transcripts), number(m.usage.outputTokens), number(m.usage.inputTokens)]),
    ),
  );

  const weeks = stats.byWeek.slice(-MAX_WEEKS);
  lines.push('', ...table(['By week (from Monday, UTC)', 'sessions', 'messages', 'cost'], weeks.map((w) => [w.weekOf, number(w.sessions), number(w.messages), usd(w.costUsd)])));
  if (stats.byWeek.length > weeks.length) lines.push(`  … ${count(stats.byWeek.length - weeks.length, 'earlier week')} (--json lists all)`);
  return lines;
}

/** A header and rows indented under it: the first column left-aligned (names clipped), the others right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return [header[0] ?? '', '  (none)'];
  const all = [header, ...rows.map((row) => [`  ${clip(row[0] ?? '', NAME_WIDTH)}`, ...row.slice(1)])];
  const widths = header.map((_, i) => Math.max(...all.map((row) => [...(row[i] ?? '')].length)));
  return all.map((row) => row.map((cell, i) => pad(cell, widths[i] ?? 0, i === 0 ? 'end' : 'start')).join('  '));
}

function pad(text: string, width: number, side: 'start' | 'end'): string {
  const room = Math.max(0, width - [...text].length);
  return side === 'start' ? ' '.repeat(room) + text : text + ' '.repeat(room);
}

/** `1,204 sessions`: count() with the digits grouped. */
function counted(n: number, noun: string): string {
  return count(n, noun).replace(String(n), number(n));
}

function number(n: number): string {
  return n.toLocaleString('en-US');
}

function usd(n: number): string {
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}
