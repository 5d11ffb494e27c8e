/** Reads about projects: which ones a `--project` filter names, and per-project summaries. */
import type { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import { SinkError } from '../../src/errors.js';
import type { IdSource } from '../../src/records/types.js';
import { parseRow } from './json-column.js';
import { SINK_NAME } from './open-database.js';

/** A device that synced sessions of a project. */
export interface ProjectDevice {
  id: string;
  hostname: string | null;
  platform: string | null;
  /** Start of the earliest session seen from this device (ISO). */
  firstSeen: string | null;
  /** End of the latest session seen from this device (ISO). */
  lastSeen: string | null;
}

/** One project with its totals, for `status` and `sessions` listings. */
export interface ProjectSummary {
  id: string;
  name: string;
  path: string;
  gitRemoteUrl: string | null;
  idSource: IdSource;
  devices: ProjectDevice[];
  /** Top-level (main) sessions. */
  sessions: number;
  /** Messages of all its sessions, subagent transcripts included (sum of `sessions.message_count`). */
  messages: number;
  lastActivity: string | null;
}

const nameRowSchema = z.object({ id: z.string(), name: z.string(), path: z.string() });

/** Drops trailing separators so `/work/` and `/work` name the same directory (but `/` stays `/`). */
function trimSeparators(p: string): string {
  const trimmed = p.replace(/[\\/]+$/u, '');
  return trimmed === '' ? p.slice(0, 1) : trimmed;
}

/** True when `filter` names this project: its name or path, case-insensitively, or a directory above its path. */
export function projectMatches(filter: string, name: string, projectPath: string): boolean {
  const f = trimSeparators(filter.trim()).toLowerCase();
  if (f === '') return false;
  const p = trimSeparators(projectPath).toLowerCase();
  if (name.toLowerCase() === f || p === f) return true;
  return f.endsWith('/') || f.endsWith('\\') ? p.startsWith(f) : p.startsWith(`${f}/`) || p.startsWith(`${f}\\`);
}

/**
 * Ids of the projects `filter` names. Sessions keep the name and path they were synced with, so
 * a git project is found by the path it has on any device, not only by its latest one.
 */
export function matchingProjectIds(db: DatabaseSync, filter: string): string[] {
  const rows = db
    .prepare('SELECT id, name, path FROM projects UNION SELECT DISTINCT project_id, project_name, project_path FROM sessions')
    .all();
  const ids = new Set<string>();
  for (const raw of rows) {
    const r = parseRow(nameRowSchema, raw, 'a project name row');
    if (projectMatches(filter, r.name, r.path)) ids.add(r.id);
  }
  return [...ids].sort();
}

const summaryRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  git_remote_url: z.string().nullable(),
  id_source: z.enum(['git-remote', 'path-hash']),
  last_activity: z.string().nullable(),
  sessions: z.number().int(),
  messages: z.number().int(),
});

const deviceRowSchema = z.object({
  project_id: z.string(),
  device_id: z.string(),
  hostname: z.string().nullable(),
  platform: z.string().nullable(),
  first_seen: z.string().nullable(),
  last_seen: z.string().nullable(),
});

const SUMMARY_SQL = `
SELECT p.id, p.name, p.path, p.git_remote_url, p.id_source, p.last_activity,
       coalesce(sum(s.kind = 'main'), 0) AS sessions,
       coalesce(sum(s.message_count), 0) AS messages
FROM projects p LEFT JOIN sessions s ON s.project_id = p.id
GROUP BY p.id
ORDER BY p.last_activity DESC NULLS LAST, p.id`;

/** Every project with its devices and totals, most recently active first. */
export function projectSummaries(db: DatabaseSync): ProjectSummary[] {
  const devices = new Map<string, ProjectDevice[]>();
  for (const raw of db.prepare('SELECT * FROM project_devices ORDER BY project_id, first_seen IS NULL, first_seen, device_id').all()) {
    const d = parseRow(deviceRowSchema, raw, 'a project_devices row');
    const list = devices.get(d.project_id) ?? [];
    list.push({ id: d.device_id, hostname: d.hostname, platform: d.platform, firstSeen: d.first_seen, lastSeen: d.last_seen });
    devices.set(d.project_id, list);
  }
  return db
    .prepare(SUMMARY_SQL)
    .all()
    .map((raw) => {
      const r = parseRow(summaryRowSchema, raw, 'a project row');
      return {
        id: r.id,
        name: r.name,
        path: r.path,
        gitRemoteUrl: r.git_remote_url,
        idSource: r.id_source,
        devices: devices.get(r.id) ?? [],
        sessions: r.sessions,
        messages: r.messages,
        lastActivity: r.last_activity,
      };
    });
}
