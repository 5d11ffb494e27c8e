/** Human rendering of `doctor`: one line per check, a `→ fix` line under each problem, and a summary. */
import { count } from '../cli/count.js';
import type { CheckStatus, DoctorReport } from './check.js';

const SYMBOL: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗', info: '·' };

/** ANSI colours per verdict; used only when the command says so (a TTY without NO_COLOR). */
const COLOUR: Record<CheckStatus, string> = { ok: '\u001B[32m', warn: '\u001B[33m', fail: '\u001B[31m', info: '\u001B[2m' };
const RESET = '\u001B[0m';

/** Width of the group column. */
const GROUP_WIDTH = 9;

/** The report as lines; `color` adds ANSI colours to the symbols. */
export function renderDoctor(report: DoctorReport, options: { color: boolean }): string[] {
  const paint = (status: CheckStatus, text: string) => (options.color ? `${COLOUR[status]}${text}${RESET}` : text);
  const lines: string[] = [];
  for (const c of report.checks) {
    // Multi-line messages (a config error lists one key per line) stay under the message column.
    const [first = '', ...rest] = c.message.split('\n');
    lines.push(`${paint(c.status, SYMBOL[c.status])} ${c.group.padEnd(GROUP_WIDTH)} ${first}`);
    for (const line of rest) lines.push(`${' '.repeat(GROUP_WIDTH + 3)}${line.trim()}`);
    if (c.fix && (c.status === 'warn' || c.status === 'fail')) lines.push(`${' '.repeat(GROUP_WIDTH + 3)}→ ${c.fix}`);
  }
  lines.push('', summary(report));
  return lines;
}

/** `All checks passed`, or `1 problem, 2 warnings`. */
export function summary(report: DoctorReport): string {
  const problems = report.checks.filter((c) => c.status === 'fail').length;
  const warnings = report.checks.filter((c) => c.status === 'warn').length;
  if (problems === 0 && warnings === 0) return 'All checks passed';
  return `${count(problems, 'problem')}, ${count(warnings, 'warning')}`;
}
