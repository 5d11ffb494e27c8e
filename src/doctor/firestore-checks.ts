/**
 * Firestore, when it is a configured sink: options valid, credentials resolvable (a project id, a key file that exists
 * and is readable) and the key file private. Offline: no network call and no firebase-admin, so doctor stays fast.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { resolveCredentials } from '../../plugins-builtin/firestore-sink/credentials.js';
import { firestoreSinkOptions } from '../../plugins-builtin/firestore-sink/options.js';
import { formatConfigIssues } from '../config/format-issues.js';
import { formatError } from '../errors.js';
import { check, type DoctorCheck } from './check.js';
import { chmodFix, looseMode } from './file-mode.js';

/** Checks `options."firestore-sink"` of `configFile` with the sink's own credential resolution (paths only, never contents). */
export function checkFirestore(options: unknown, input: { env: NodeJS.ProcessEnv; home: string; configFile: string }): DoctorCheck[] {
  const parsed = firestoreSinkOptions.safeParse(options ?? {});
  if (!parsed.success) {
    return [check('firestore', 'options', 'fail', formatConfigIssues(parsed.error, input.configFile, ['options', 'firestore-sink']), 'Fix those keys (see docs/firestore.md)')];
  }
  // The sink resolves relative key paths against its state directory, which is the home.
  const resolved = resolveCredentials(parsed.data, input.env, input.home);
  if (!resolved.ok) return [check('firestore', 'credentials', 'fail', resolved.problem, resolved.suggestions.join('; ') || undefined)];
  const credentials = resolved.value;
  const database = parsed.data.databaseId ?? '(default)';
  const checks: DoctorCheck[] = [];
  if (credentials.kind === 'emulator') {
    checks.push(check('firestore', 'credentials', 'ok', `project ${credentials.projectId}, database ${database}, emulator at ${credentials.emulatorHost}`));
  } else {
    const what = credentials.kind === 'service-account' ? 'service-account key' : 'application default credentials';
    checks.push(check('firestore', 'credentials', 'ok', `project ${credentials.projectId}, database ${database}, ${what} ${credentials.path}`));
  }
  if (credentials.path) checks.push(keyFileCheck(credentials.path));
  checks.push(check('firestore', 'connectivity', 'info', 'connectivity not checked (doctor stays offline): "code-insights status" probes Firestore'));
  return checks;
}

function keyFileCheck(file: string): DoctorCheck {
  try {
    accessSync(file, constants.R_OK);
    const loose = looseMode(statSync(file));
    return loose
      ? check('firestore', 'key-file', 'warn', `${file} has ${loose}; it is a private key`, chmodFix(file, 0o600))
      : check('firestore', 'key-file', 'ok', `${file} is readable by its owner only`);
  } catch (error) {
    return check('firestore', 'key-file', 'fail', `cannot read ${file}: ${formatError(error)}`, 'Make the key file readable by the user who runs code-insights');
  }
}
