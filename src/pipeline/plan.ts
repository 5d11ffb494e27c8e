/** Decides per transcript what a run must do: new, grown (read from the cursor), rewritten (re-read whole), unchanged. */
import type { FileCursor, SyncState } from '../state/checkpoint-store.js';
import type { SourceFile } from '../records/types.js';
import { headMatches } from './head-hash.js';
import { addedSinks, behindWith } from './sink-coverage.js';

export type FileStatus = 'new' | 'grown' | 'rewritten' | 'unchanged';

export interface PlannedFile {
  file: SourceFile;
  status: FileStatus;
  cursor: FileCursor | undefined;
  /** Where parsing starts (0 for new/rewritten/forced, and for any transcript a sink is behind on). */
  startOffset: number;
  /** An otherwise unchanged transcript that these sinks are behind on: re-sent whole to them only. */
  resend?: string[];
}

/** True when the item needs any work this run. */
export function needsWork(item: PlannedFile): boolean {
  return item.status !== 'unchanged' || (item.resend?.length ?? 0) > 0;
}

/** Compares a discovered file with its cursor. Reads the file's head only when size or mtime changed. */
export function classify(file: SourceFile, cursor: FileCursor | undefined): FileStatus {
  if (!cursor) return 'new';
  if (file.size === cursor.size && file.mtimeMs === cursor.mtimeMs && file.ino === cursor.ino) return 'unchanged';
  if (file.ino !== cursor.ino || file.size < cursor.offset || file.size < cursor.size) return 'rewritten';
  try {
    return headMatches(file.path, cursor) ? 'grown' : 'rewritten';
  } catch {
    return 'rewritten';
  }
}

/** Case-insensitive match of `--project` against a project's name or path (or a path under it). */
export function matchesProject(filter: string, project: { name: string; path: string }): boolean {
  const f = filter.toLowerCase().replace(/\/+$/, '');
  const name = project.name.toLowerCase();
  const p = project.path.toLowerCase().replace(/\/+$/, '');
  return name === f || p === f || p.startsWith(`${f}/`);
}

/**
 * Plans the run. `force` re-reads every in-scope file from 0; files out of the `--project` scope are left out.
 * `sinks`: the run's sinks, of which those the state does not cover yet are behind on every known transcript.
 */
export function planFiles(
  files: ReadonlyArray<SourceFile>,
  state: SyncState,
  options: { force: boolean; project: string | null; sinks?: ReadonlyArray<string> | undefined },
): PlannedFile[] {
  const added = options.sinks ? addedSinks(state, options.sinks) : [];
  const planned: PlannedFile[] = [];
  for (const file of files) {
    const cursor = state.files[file.path];
    // Known files are filtered by the project recorded at their last sync; new files once parsed.
    if (options.project && cursor && !matchesProject(options.project, { name: cursor.projectName, path: cursor.projectPath })) continue;
    const natural = classify(file, cursor);
    if (options.force) {
      planned.push({ file, status: natural === 'unchanged' || natural === 'grown' ? 'rewritten' : natural, cursor, startOffset: 0 });
      continue;
    }
    // Most plans add no sink: no array per transcript then.
    const behind = !cursor ? [] : added.length > 0 ? behindWith(cursor, added) : (cursor.behind ?? []);
    if (behind.length > 0 && natural === 'unchanged') {
      planned.push({ file, status: natural, cursor, startOffset: 0, resend: behind });
      continue;
    }
    // A sink that is behind needs the whole transcript, so a grown one is read from the start for everyone.
    const fromCursor = natural === 'grown' && behind.length === 0;
    planned.push({ file, status: natural, cursor, startOffset: fromCursor ? (cursor?.offset ?? 0) : 0 });
  }
  return planned;
}
