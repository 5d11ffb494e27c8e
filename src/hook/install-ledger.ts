/**
 * `$CODE_INSIGHTS_HOME/hook-install.json`: per settings file, the command we wrote and the containers we had to
 * create. Claude Code rejects a whole settings file with an unknown field, so no marker can live in the file;
 * this record is how uninstall knows its own entry after an upgrade moved the paths, and which empty containers are its own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { formatError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { SettingsFileError } from './settings-file.js';

const entrySchema = z.object({
  scope: z.enum(['user', 'project', 'local']),
  command: z.string(),
  created: z.object({ hooks: z.boolean(), sessionEnd: z.boolean() }),
  installedAt: z.string(),
});

const ledgerSchema = z.object({ version: z.literal(1), files: z.record(z.string(), entrySchema) });

/** What install recorded for one settings file. */
export type LedgerEntry = z.infer<typeof entrySchema>;
/** The ledger file's content. */
export type InstallLedger = z.infer<typeof ledgerSchema>;

/** The ledger path of a state directory. */
export function ledgerPath(home: string): string {
  return path.join(home, 'hook-install.json');
}

/** Reads the ledger; missing is empty; damaged is an error naming it (never silently reset). */
export function readLedger(home: string): InstallLedger {
  const file = ledgerPath(home);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { version: 1, files: {} };
  }
  let parsed: ReturnType<typeof ledgerSchema.safeParse>;
  try {
    parsed = ledgerSchema.safeParse(JSON.parse(text));
  } catch (error) {
    throw new SettingsFileError(file, `does not parse: ${formatError(error)}`, { suggestions: [`Remove ${file}; install-hook will recreate it`] });
  }
  if (!parsed.success) {
    throw new SettingsFileError(file, `unexpected content: ${parsed.error.issues[0]?.message ?? ''}`, { suggestions: [`Remove ${file}; install-hook will recreate it`] });
  }
  return parsed.data;
}

/** Writes the ledger atomically (0600). */
export function writeLedger(home: string, ledger: InstallLedger): void {
  writeFileAtomic(ledgerPath(home), `${JSON.stringify(ledger, null, 2)}\n`);
}
