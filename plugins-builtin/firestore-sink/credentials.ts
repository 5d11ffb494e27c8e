/**
 * Where the sink's credentials come from: the emulator (none needed), a service-account file named in config or
 * GOOGLE_APPLICATION_CREDENTIALS, or gcloud's application default credentials. Only paths are ever reported.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { FirestoreSinkOptions } from './options.js';

/** The fields we need from a Google service-account key file; others are kept by the SDK's own parser. */
const serviceAccountSchema = z.object({
  type: z.literal('service_account'),
  project_id: z.string().min(1),
  client_email: z.string().min(1),
  private_key: z.string().includes('PRIVATE KEY'),
});

/** `type` of any Google credentials file (authorized_user from `gcloud auth application-default login`, …). */
const anyCredentialsSchema = z.object({ type: z.string().min(1) });

/** A validated service-account file. `privateKey` stays in memory; nothing prints it. */
export interface ServiceAccountFile {
  path: string;
  projectId: string;
  clientEmail: string;
  privateKey: string;
}

/** What is wrong with a credentials source, in words that never include its contents. */
export interface CredentialsProblem {
  problem: string;
  suggestions: string[];
  /** Set when only the project id is missing (init can ask for it). */
  missingProjectId?: true;
}

export type Checked<T> = { ok: true; value: T } | ({ ok: false } & CredentialsProblem);

const NEW_KEY_HINT =
  'Create a key: Firebase console → Project settings → Service accounts → Generate new private key (a JSON file); keep it outside any repository';

/** Reads and checks a service-account key file; the result names missing fields, never values. */
export function readServiceAccountFile(file: string): Checked<ServiceAccountFile> {
  if (!existsSync(file)) {
    return { ok: false, problem: `the service-account file ${file} does not exist`, suggestions: [NEW_KEY_HINT] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    // The parser's message may quote the file's text (a key); say only that it is not JSON.
    const reason = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    return { ok: false, problem: `the service-account file ${file} ${reason}`, suggestions: [NEW_KEY_HINT] };
  }
  const parsed = serviceAccountSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '(top level)')))];
    const kind = anyCredentialsSchema.safeParse(raw);
    const notServiceAccount = kind.success && kind.data.type !== 'service_account';
    return {
      ok: false,
      problem: notServiceAccount
        ? `${file} holds "${kind.data.type}" credentials, not a service-account key (field "type" must be "service_account")`
        : `${file} is not a service-account key file: missing or invalid ${fields.map((f) => `"${f}"`).join(', ')}`,
      suggestions: [NEW_KEY_HINT],
    };
  }
  return {
    ok: true,
    value: { path: file, projectId: parsed.data.project_id, clientEmail: parsed.data.client_email, privateKey: parsed.data.private_key },
  };
}

/** How the sink authenticates, decided before firebase-admin is loaded. */
export type Credentials =
  | { kind: 'emulator'; emulatorHost: string; projectId: string; path: string | null }
  | { kind: 'service-account'; projectId: string; path: string; account: ServiceAccountFile }
  | { kind: 'application-default'; projectId: string; path: string };

/** The identity a refusal is about, for messages ("service account x@y", "application default credentials"). */
export function describeIdentity(credentials: Credentials): string {
  if (credentials.kind === 'service-account') return `service account ${credentials.account.clientEmail}`;
  if (credentials.kind === 'application-default') return `the application default credentials in ${credentials.path}`;
  return 'the emulator';
}

/** gcloud's well-known application-default credentials file for this user. */
export function applicationDefaultCredentialsPath(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'gcloud', 'application_default_credentials.json');
  const configHome = env.CLOUDSDK_CONFIG ?? path.join(env.HOME?.trim() || os.homedir(), '.config', 'gcloud');
  return path.join(configHome, 'application_default_credentials.json');
}

/** Resolves a configured path: `~` is the home directory; relative paths are relative to `baseDir`. */
export function resolveCredentialsPath(file: string, baseDir: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME?.trim() || os.homedir();
  if (file === '~') return home;
  if (file.startsWith('~/')) return path.join(home, file.slice(2));
  return path.resolve(baseDir, file);
}

/**
 * Decides the credentials: the emulator needs none; else the configured file, GOOGLE_APPLICATION_CREDENTIALS,
 * then gcloud's application default file. The project id comes from options, the key file, then the environment.
 */
export function resolveCredentials(options: FirestoreSinkOptions, env: NodeJS.ProcessEnv, baseDir: string): Checked<Credentials> {
  const configured = options.serviceAccount ? resolveCredentialsPath(options.serviceAccount, baseDir, env) : null;
  const fromEnv = env.GOOGLE_APPLICATION_CREDENTIALS?.trim() || null;
  const emulatorHost = env.FIRESTORE_EMULATOR_HOST?.trim() || null;
  const envProject = env.GOOGLE_CLOUD_PROJECT?.trim() || env.GCLOUD_PROJECT?.trim() || null;
  const missingProject = (where: string): Checked<Credentials> => ({
    ok: false,
    missingProjectId: true,
    problem: `no Firebase project id ${where}`,
    suggestions: ['Run "code-insights init --project-id <id>", or set options."firestore-sink".projectId in the config'],
  });

  if (emulatorHost) {
    // A configured key is still checked, so a typo shows up before the first real deployment.
    let keyProject: string | null = null;
    if (configured) {
      const key = readServiceAccountFile(configured);
      if (!key.ok) return key;
      keyProject = key.value.projectId;
    }
    const projectId = options.projectId ?? keyProject ?? envProject;
    if (!projectId) return missingProject(`for the emulator at ${emulatorHost}`);
    return { ok: true, value: { kind: 'emulator', emulatorHost, projectId, path: configured } };
  }

  const keyFile = configured ?? fromEnv;
  if (keyFile) {
    const kind = credentialsType(keyFile);
    if (kind !== null && kind !== 'service_account' && !configured) {
      // GOOGLE_APPLICATION_CREDENTIALS may hold user credentials; the SDK's ADC loader handles those.
      const projectId = options.projectId ?? envProject;
      if (!projectId) return missingProject(`(${keyFile} holds "${kind}" credentials, which name no project)`);
      return { ok: true, value: { kind: 'application-default', projectId, path: keyFile } };
    }
    const key = readServiceAccountFile(keyFile);
    if (!key.ok) return configured ? key : { ...key, problem: `GOOGLE_APPLICATION_CREDENTIALS: ${key.problem}` };
    return { ok: true, value: { kind: 'service-account', projectId: options.projectId ?? key.value.projectId, path: keyFile, account: key.value } };
  }

  const adc = applicationDefaultCredentialsPath(env);
  if (existsSync(adc)) {
    const projectId = options.projectId ?? envProject;
    if (!projectId) return missingProject(`(application default credentials name no project)`);
    return { ok: true, value: { kind: 'application-default', projectId, path: adc } };
  }

  return {
    ok: false,
    problem: 'no Firestore credentials: no service-account file is configured, GOOGLE_APPLICATION_CREDENTIALS is not set, and there are no application default credentials',
    suggestions: [
      'Run "code-insights init --service-account <key.json>" (the path is stored, never the key)',
      NEW_KEY_HINT,
    ],
  };
}

/** The `type` field of a credentials file, or null when it cannot be read (the caller's full check reports why). */
function credentialsType(file: string): string | null {
  try {
    const parsed = anyCredentialsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.type : null;
  } catch {
    return null;
  }
}
