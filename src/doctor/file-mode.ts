/** Owner-only modes: what the state directory and its files should have, and the chmod that restores them. */
import type { Stats } from 'node:fs';
import { shellQuote } from '../hook/hook-command.js';

/** Permission bits for group and others. */
const GROUP_OTHER = 0o077;

/**
 * The problem with `stats`' mode when group or others have any access (null when owner-only, and always on Windows,
 * where modes say nothing about who can read a file).
 */
export function looseMode(stats: Stats, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32') return null;
  const mode = stats.mode & 0o777;
  if ((mode & GROUP_OTHER) === 0) return null;
  return `mode ${octal(mode)}: ${(mode & 0o044) !== 0 ? 'readable' : 'accessible'} by ${whoOf(mode)}`;
}

/** `chmod 700 '/path'`: the fix for a loose mode. */
export function chmodFix(file: string, mode: number): string {
  return `chmod ${octal(mode)} ${shellQuote(file)}`;
}

function whoOf(mode: number): string {
  const group = (mode & 0o070) !== 0;
  const other = (mode & 0o007) !== 0;
  return group && other ? 'group and others' : group ? 'group' : 'others';
}

function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(3, '0');
}
