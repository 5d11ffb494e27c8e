/** Reading and safely replacing one Claude Code settings file: backup first, atomic write, same mode and owner. */
import {
  closeSync,
  constants,
  copyFileSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  accessSync,
  chmodSync,
  writeSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { CodeInsightsError, EXIT, formatError } from '../errors.js';

/** Suffix of the copy of the previous settings written before each change. */
export const BACKUP_SUFFIX = '.code-insights.bak';

/** A settings file we cannot or must not edit; names the file. Exit 2. */
export class SettingsFileError extends CodeInsightsError {
  readonly file: string;
  constructor(file: string, message: string, options: { suggestions?: string[]; cause?: unknown } = {}) {
    super(`${file}: ${message}`, { code: 'SETTINGS', exitCode: EXIT.USAGE, ...options });
    this.file = file;
  }
}

/** A settings file as read: `text` null when it does not exist. */
export interface SettingsSnapshot {
  /** The path the user knows (may be a symlink). */
  file: string;
  /** The file actually written: the symlink's target, so a dotfiles link stays a link. */
  target: string;
  text: string | null;
  stats: Stats | null;
}

/** Reads `file`; a missing file is `text: null`, anything but a regular file (or a link to one) is an error. */
export function readSettings(file: string): SettingsSnapshot {
  let link: Stats;
  try {
    link = lstatSync(file);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { file, target: file, text: null, stats: null };
    throw new SettingsFileError(file, `cannot read: ${formatError(error)}`, { cause: error });
  }
  let target = file;
  if (link.isSymbolicLink()) {
    try {
      target = realpathSync(file);
    } catch (error) {
      throw new SettingsFileError(file, `is a symbolic link that does not resolve: ${formatError(error)}`, { cause: error });
    }
  }
  try {
    const stats = statSync(target);
    if (!stats.isFile()) throw new SettingsFileError(file, 'is not a regular file');
    return { file, target, text: readFileSync(target, 'utf8'), stats };
  } catch (error) {
    if (error instanceof SettingsFileError) throw error;
    throw new SettingsFileError(file, `cannot read: ${formatError(error)}`, { cause: error });
  }
}

/**
 * Replaces the file with `text`. Refuses a read-only file (someone made it so on purpose). Writes the backup
 * `<file>.code-insights.bak` first, then the new content atomically with the old mode and owner. Returns the
 * backup path, or null for a file that did not exist. Fails rather than overwrite a file changed since `before`.
 */
export function writeSettings(before: SettingsSnapshot, text: string): string | null {
  const { file, target } = before;
  if (before.stats) assertWritable(file, target, before.stats);
  const now = readSettings(file);
  if (now.text !== before.text) {
    throw new SettingsFileError(file, 'changed while it was being edited; nothing was written', { suggestions: ['Run the command again'] });
  }
  let backup: string | null = null;
  try {
    if (before.text !== null) {
      backup = file + BACKUP_SUFFIX;
      // Settings may hold secrets (env blocks): the backup is private to the user whatever the original's mode.
      rmSync(backup, { force: true });
      copyFileSync(target, backup, constants.COPYFILE_EXCL);
      chmodSync(backup, 0o600);
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
    }
    replaceAtomically(target, text, before.stats);
  } catch (error) {
    throw new SettingsFileError(file, `cannot write: ${formatError(error)}`, { cause: error });
  }
  return backup;
}

function assertWritable(file: string, target: string, stats: Stats): void {
  let writable = (stats.mode & 0o222) !== 0;
  try {
    accessSync(target, constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable) {
    throw new SettingsFileError(file, 'is read-only; it was left unchanged', {
      suggestions: [`Make it writable (chmod u+w ${JSON.stringify(file)}) or choose another --scope`],
    });
  }
}

/** Temp file beside the target, same mode and owner, fsync, rename: a crash leaves the old or the new file. */
function replaceAtomically(target: string, text: string, stats: Stats | null): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const fd = openSync(tmp, 'wx', stats ? 0o600 : 0o666);
  try {
    if (stats) {
      // open() applies the umask; fchmod sets the original mode exactly.
      fchmodSync(fd, stats.mode & 0o7777);
      if (process.getuid?.() === 0 && (stats.uid !== 0 || stats.gid !== 0)) fchownSync(fd, stats.uid, stats.gid);
    }
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, target);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw error;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
