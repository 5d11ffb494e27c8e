/**
 * Runs the `discover` taps one by one, as the waterfall hook would, except that a source that throws only loses
 * its own transcripts: the others' are still synced, and the failure is reported with the source's name.
 */
import { StageError } from '../errors.js';
import type { SyncRun } from '../plugins/types.js';
import type { SourceFile } from '../records/types.js';
import type { SyncHooks } from './sync-hooks.js';

/** The files found, and one attributed error per source that failed. */
export interface DiscoverResult {
  files: SourceFile[];
  errors: StageError[];
}

type Tap = SyncHooks['discover']['taps'][number];

/** Calls each tap in the hook's order (stage, before), passing the list along; a tap returning undefined keeps it. */
export async function discoverEach(hook: SyncHooks['discover'], run: SyncRun): Promise<DiscoverResult> {
  let files: SourceFile[] = [];
  const errors: StageError[] = [];
  for (const tap of hook.taps) {
    try {
      const next = await callTap(tap, files, run);
      if (next !== undefined) files = next;
    } catch (error) {
      errors.push(error instanceof StageError ? error : new StageError(tap.name, 'discover', error));
    }
  }
  return { files, errors };
}

async function callTap(tap: Tap, files: SourceFile[], run: SyncRun): Promise<SourceFile[] | undefined> {
  const fn = tap.fn as (...args: unknown[]) => unknown;
  if (tap.type === 'async') {
    return new Promise((resolve, reject) => {
      fn(files, run, (error: unknown, result?: SourceFile[]) => (error ? reject(error) : resolve(result)));
    });
  }
  // Inside an async function a synchronous throw becomes a rejection too.
  return (await fn(files, run)) as SourceFile[] | undefined;
}
