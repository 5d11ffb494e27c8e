/**
 * Lists a config root's transcripts (claude-code-jsonl.md §4.1): main sessions, legacy sibling agent
 * files, current `<sid>/subagents/` files and nested workflow agents. Synchronous readdir + stat
 * only, no file reads: a no-op sync of thousands of transcripts spends its time here. Names only, no file types:
 * the stat every transcript needs anyway tells a file from anything else, and a name that is not a transcript is
 * tried as a directory (listing a file lists nothing); Dirent objects were a fifth of a no-op's discovery.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SessionKind, SourceFile } from '../../src/records/types.js';
import type { ClaudeRoot } from './claude-roots.js';

const JSONL = '.jsonl';
const META_SUFFIX = '.meta.json';
const AGENT_PREFIX = 'agent-';
const COMPACTION_PREFIX = 'agent-acompact-';
/** Files and directories under a project dir that are never transcripts. */
const SKIPPED_FILES: ReadonlySet<string> = new Set(['journal.jsonl']);
const SKIPPED_DIRS: ReadonlySet<string> = new Set(['memory', 'tool-results']);

/** Every transcript under the roots, sorted by path; `source` names the plugin that will parse them. */
export function discoverTranscripts(roots: readonly ClaudeRoot[], source: string): SourceFile[] {
  const files: SourceFile[] = [];
  for (const root of roots) {
    for (const name of listDir(root.projectsDir)) {
      // Project dirs; anything else there (a stray file) lists as empty.
      scanProjectDir({ files, source, root: root.root, projectDir: name }, child(root.projectsDir, name));
    }
  }
  // Each directory was walked in path order, so one root's list is sorted already.
  return roots.length > 1 ? files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) : files;
}

interface Scan {
  files: SourceFile[];
  source: string;
  root: string;
  projectDir: string;
}

function scanProjectDir(scan: Scan, dir: string): void {
  const names = listDir(dir);
  let metas: Set<string> | null = null;
  for (const name of names) {
    if (name.endsWith(JSONL)) {
      if (SKIPPED_FILES.has(name)) continue;
      // Legacy layout (≤ 2.1.1): agent-<id>.jsonl next to the sessions; its owner is read from the file.
      if (name.startsWith(AGENT_PREFIX)) addAgent(scan, dir, name, undefined, (metas ??= metaNames(names)));
      else addFile(scan, child(dir, name), 'main', { sessionId: name.slice(0, -JSONL.length) });
    } else if (!SKIPPED_DIRS.has(name) && !name.endsWith(META_SUFFIX)) {
      // A session dir: read its subagents/ directly (one readdir; none there reads as empty).
      scanAgentDir(scan, child(child(dir, name), 'subagents'), name, true);
    }
  }
}

/** `<sid>/subagents/` (and its `workflows/<wf>/` dirs): every file belongs to session `<sid>`. */
function scanAgentDir(scan: Scan, dir: string, sessionId: string, withWorkflows: boolean): void {
  const names = listDir(dir);
  const metas = metaNames(names);
  for (const name of names) {
    if (name.endsWith(JSONL)) {
      if (!SKIPPED_FILES.has(name)) addAgent(scan, dir, name, sessionId, metas);
    } else if (withWorkflows && name === 'workflows') {
      const workflows = child(dir, name);
      for (const wf of listDir(workflows)) scanAgentDir(scan, child(workflows, wf), sessionId, false);
    }
  }
}

function addAgent(scan: Scan, dir: string, name: string, sessionId: string | undefined, metas: ReadonlySet<string>): void {
  const stem = name.slice(0, -JSONL.length);
  const agentId = stem.startsWith(AGENT_PREFIX) ? stem.slice(AGENT_PREFIX.length) : stem;
  const kind: SessionKind = name.startsWith(COMPACTION_PREFIX) ? 'compaction' : 'subagent';
  const meta = stem + META_SUFFIX;
  addFile(scan, child(dir, name), kind, { sessionId, agentId, metaPath: metas.has(meta) ? child(dir, meta) : undefined });
}

function addFile(scan: Scan, filePath: string, kind: SessionKind, ids: { sessionId?: string | undefined; agentId?: string; metaPath?: string | undefined }): void {
  const stat = statSync(filePath, { throwIfNoEntry: false });
  // Gone since the listing (cleanup) or empty: nothing to sync.
  if (stat === undefined || !stat.isFile() || stat.size === 0) return;
  const file: SourceFile = { source: scan.source, path: filePath, root: scan.root, projectDir: scan.projectDir, kind, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
  if (ids.sessionId !== undefined) file.sessionId = ids.sessionId;
  if (ids.agentId !== undefined) file.agentId = ids.agentId;
  if (ids.metaPath !== undefined) file.metaPath = ids.metaPath;
  scan.files.push(file);
}

/** `dir` + one name read from it: plain concatenation, as path.join's normalising shows in profiles of big trees. */
function child(dir: string, name: string): string {
  return dir + path.sep + name;
}

function metaNames(names: readonly string[]): Set<string> {
  const metas = new Set<string>();
  for (const name of names) if (name.endsWith(META_SUFFIX)) metas.add(name);
  return metas;
}

/** A directory's names in the order that makes a depth-first walk list paths sorted as plain strings. */
function listDir(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    // Vanished, unreadable or not a directory: a transcript tree changes under us (cleanup), which is normal.
    return [];
  }
  // Sorting small lists of short names here is cheaper than sorting thousands of long paths at the end. A name that
  // may be a directory sorts as `name/`, since its contents' paths continue with the separator. The keys are built
  // once and sorted as plain strings: a comparator building them per comparison cost a no-op sync 3-5 ms.
  const keys = names.map((name) => (name.endsWith(JSONL) ? name : name + path.sep)).sort();
  return keys.map((key) => (key.endsWith(path.sep) ? key.slice(0, -path.sep.length) : key));
}
