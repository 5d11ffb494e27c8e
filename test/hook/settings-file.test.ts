import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_SUFFIX, readSettings, SettingsFileError, writeSettings } from '../../src/hook/settings-file.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';

let tmp: TmpHome;
afterEach(() => tmp?.[Symbol.dispose]());

function setup(): string {
  tmp = makeTmpHome();
  mkdirSync(tmp.claudeDir, { recursive: true });
  return path.join(tmp.claudeDir, 'settings.json');
}

describe('readSettings / writeSettings', () => {
  it('a missing file reads as null and is created with its directory', () => {
    const file = path.join(setup(), '..', 'deeper', 'settings.json');
    const before = readSettings(file);
    expect(before.text).toBeNull();
    expect(writeSettings(before, '{"a":1}\n')).toBeNull();
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
  });

  it('writes a private backup of the previous content first, and keeps the file mode', () => {
    const file = setup();
    writeFileSync(file, '{"old":true}\n');
    chmodSync(file, 0o640);
    const backup = writeSettings(readSettings(file), '{"new":true}\n');
    expect(backup).toBe(file + BACKUP_SUFFIX);
    expect(readFileSync(file + BACKUP_SUFFIX, 'utf8')).toBe('{"old":true}\n');
    expect(statSync(file + BACKUP_SUFFIX).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('{"new":true}\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    // No temp file left behind.
    expect(readdirSync(path.dirname(file)).sort()).toEqual(['settings.json', `settings.json${BACKUP_SUFFIX}`]);
  });

  it('refuses a read-only file, leaving content, mode and directory as they were', () => {
    const file = setup();
    writeFileSync(file, '{"locked":true}\n');
    chmodSync(file, 0o444);
    const before = readSettings(file);
    expect(() => writeSettings(before, '{}')).toThrow(SettingsFileError);
    expect(() => writeSettings(before, '{}')).toThrow(`${file}: is read-only`);
    expect(readFileSync(file, 'utf8')).toBe('{"locked":true}\n');
    expect(statSync(file).mode & 0o777).toBe(0o444);
    expect(readdirSync(path.dirname(file))).toEqual(['settings.json']);
  });

  it('writes through a symbolic link, so a dotfiles link stays a link', () => {
    const file = setup();
    const real = path.join(tmp.root, 'dotfiles', 'claude-settings.json');
    mkdirSync(path.dirname(real), { recursive: true });
    writeFileSync(real, '{}\n');
    symlinkSync(real, file);
    writeSettings(readSettings(file), '{"x":1}\n');
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readlinkSync(file)).toBe(real);
    expect(readFileSync(real, 'utf8')).toBe('{"x":1}\n');
    expect(readFileSync(file + BACKUP_SUFFIX, 'utf8')).toBe('{}\n');
  });

  it('does not overwrite a file that changed after it was read', () => {
    const file = setup();
    writeFileSync(file, '{"v":1}\n');
    const before = readSettings(file);
    writeFileSync(file, '{"v":2}\n');
    expect(() => writeSettings(before, '{"v":3}\n')).toThrow(/changed while it was being edited/);
    expect(readFileSync(file, 'utf8')).toBe('{"v":2}\n');
  });

  it('a directory in place of the file is an error naming it', () => {
    const file = setup();
    mkdirSync(file);
    expect(() => readSettings(file)).toThrow(`${file}: is not a regular file`);
  });
});
