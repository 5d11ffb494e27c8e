/**
 * `init`: chooses the sinks and sets up Firestore (credentials path, project), probes it once, then updates
 * `$CODE_INSIGHTS_HOME/config.json` keeping every other key. Only the key file's path is ever stored.
 */
import path from 'node:path';
import { resolveCredentials, type Credentials } from '../../plugins-builtin/firestore-sink/credentials.js';
import { DEFAULT_DATABASE_ID, firestoreSinkOptions, type FirestoreSinkOptions } from '../../plugins-builtin/firestore-sink/options.js';
import { expandHome, userConfigPath } from '../config/paths.js';
import { readUserConfig, updateUserConfig } from '../config/user-config.js';
import { formatConfigIssues } from '../config/format-issues.js';
import { ConfigError } from '../errors.js';
import type { Prompter } from './prompter.js';
import { probeOnce, reachableMessage } from './probe.js';

export const SINK_CHOICES = ['both', 'firestore', 'sqlite'] as const;
export type SinkChoice = (typeof SINK_CHOICES)[number];

export interface InitRequest {
  serviceAccount?: string;
  projectId?: string;
  databaseId?: string;
  sink?: SinkChoice;
  home: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Null when not interactive (no TTY or `--yes`): missing answers come from flags, config and defaults. */
  prompter: Prompter | null;
}

export interface InitResult {
  configFile: string;
  sink: string[];
  firestore: {
    projectId: string;
    databaseId: string;
    emulatorHost: string | null;
    credentialsPath: string | null;
    probe: string;
  } | null;
  /** False when the user declined at the final confirmation. */
  written: boolean;
}

const FIRESTORE_KEY = 'firestore-sink';

/** Runs init. Throws ConfigError (exit 2) for usage problems, SinkError (exit 3) when the probe fails. */
export async function runInit(request: InitRequest): Promise<InitResult> {
  const { prompter, home } = request;
  const configFile = userConfigPath(home);
  const existing = readUserConfig(home);
  const currentSinks = existing.sink === undefined ? [] : Array.isArray(existing.sink) ? existing.sink : [existing.sink];
  const fallbackChoice: SinkChoice = currentSinks.includes('firestore') ? (currentSinks.includes('sqlite') ? 'both' : 'firestore') : 'both';
  const choice = request.sink ?? (prompter ? await prompter.choose('Where should sync write', SINK_CHOICES, fallbackChoice) : fallbackChoice);
  // Sinks of installed plugins stay; ours are set by the choice.
  const others = currentSinks.filter((s) => s !== 'sqlite' && s !== 'firestore');
  const sinks = [...(choice === 'firestore' ? [] : ['sqlite']), ...(choice === 'sqlite' ? [] : ['firestore']), ...others];

  let firestore: InitResult['firestore'] = null;
  let nextOptions: FirestoreSinkOptions | null = null;
  if (choice !== 'sqlite') {
    const previous = firestoreSinkOptions.safeParse(existing.options?.[FIRESTORE_KEY] ?? {});
    const base: FirestoreSinkOptions = previous.success ? previous.data : {};
    const credentialsFile = await askCredentialsFile(request, base);
    const candidate: FirestoreSinkOptions = { ...base, serviceAccount: credentialsFile ?? undefined };
    if (request.databaseId) candidate.databaseId = request.databaseId;
    if (request.projectId) candidate.projectId = request.projectId;
    if (!request.projectId && prompter) {
      // Ask with the id the key (or environment) suggests; with none, ask without a default.
      const first = resolveCredentials(validOptions(candidate), request.env, request.home);
      if (first.ok || first.missingProjectId) {
        const answer = await prompter.ask('Firebase project id', first.ok ? first.value.projectId : (candidate.projectId ?? undefined));
        if (answer !== '') candidate.projectId = answer;
      }
    }
    const credentials = resolveOrThrow(candidate, request);
    // The resolved id is stored, so a later run does not depend on this shell's environment.
    nextOptions = validOptions({ ...candidate, projectId: credentials.projectId });
    const failure = await probeOnce(credentials, nextOptions);
    if (failure) throw failure;
    const databaseId = nextOptions.databaseId ?? DEFAULT_DATABASE_ID;
    firestore = {
      projectId: credentials.projectId,
      databaseId,
      emulatorHost: credentials.kind === 'emulator' ? credentials.emulatorHost : null,
      credentialsPath: credentials.path,
      probe: reachableMessage(credentials, databaseId),
    };
  }

  if (prompter && !(await prompter.confirm(`Write sink ${sinks.join(' + ')} to ${configFile}?`, true))) {
    return { configFile, sink: sinks, firestore, written: false };
  }
  updateUserConfig(home, (config) => {
    const options = { ...config.options };
    if (nextOptions) options[FIRESTORE_KEY] = stripUndefined(nextOptions);
    return { ...config, sink: sinks.length === 1 ? (sinks[0] as string) : sinks, ...(Object.keys(options).length > 0 ? { options } : {}) };
  });
  return { configFile, sink: sinks, firestore, written: true };
}

/** The key file to store: the flag, else (interactive) an answer, else the one already configured. Null: none. */
async function askCredentialsFile(request: InitRequest, base: FirestoreSinkOptions): Promise<string | null> {
  const fromFlag = request.serviceAccount?.trim();
  if (fromFlag) return absoluteKeyPath(fromFlag, request);
  const configured = base.serviceAccount ?? null;
  if (!request.prompter) return configured;
  const emulator = request.env.FIRESTORE_EMULATOR_HOST?.trim();
  const envFile = request.env.GOOGLE_APPLICATION_CREDENTIALS?.trim();
  const hint = emulator
    ? ` (emulator at ${emulator}: none needed, Enter to skip)`
    : envFile && !configured
      ? ' (Enter to use GOOGLE_APPLICATION_CREDENTIALS)'
      : '';
  const answer = await request.prompter.ask(`Path of the service-account key file${hint}`, configured ?? undefined);
  return answer === '' ? null : absoluteKeyPath(answer, request);
}

/** Rejects pasted key material (never echoed) and makes the path absolute. */
function absoluteKeyPath(value: string, request: InitRequest): string {
  if (value.includes('PRIVATE KEY') || value.trimStart().startsWith('{')) {
    throw new ConfigError('--service-account takes the PATH of the key file, not its contents (nothing was stored)', {
      suggestions: ['Save the key as a file outside any repository and pass its path'],
    });
  }
  return path.resolve(request.cwd, expandHome(value, request.env));
}

function resolveOrThrow(options: FirestoreSinkOptions, request: InitRequest): Credentials {
  const checked = validOptions(options);
  const resolved = resolveCredentials(checked, request.env, request.home);
  if (!resolved.ok) throw new ConfigError(resolved.problem, { suggestions: resolved.suggestions });
  return resolved.value;
}

function validOptions(options: FirestoreSinkOptions): FirestoreSinkOptions {
  const parsed = firestoreSinkOptions.safeParse(stripUndefined(options));
  if (!parsed.success) throw new ConfigError(formatConfigIssues(parsed.error, 'init', ['options', FIRESTORE_KEY]));
  return parsed.data;
}

function stripUndefined(options: FirestoreSinkOptions): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
