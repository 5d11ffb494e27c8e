/** One increment of one transcript: read complete lines from the cursor, fold them, report session and messages. */
import type { ContentLimits, Logger, ParseRequest, ParseResult } from '../../src/plugins/types.js';
import { readAgentType } from './agent-meta.js';
import type { DedupScope } from './dedup.js';
import { FoldMismatchError, foldFromState, takeState, usageScopeFromFold, type FoldCache, type FoldState } from './fold-state.js';
import { readCompleteLines } from './line-reader.js';
import { buildSessionRecord, fileStem, mostCommonCwd, transcriptIdentity } from './session-record.js';
import { TranscriptFolder } from './transcript-folder.js';

/** How to parse: content caps, and optionally the plugin instance's fold cache and a logger for skipped lines. */
export interface ParseOptions {
  limits: ContentLimits;
  /** Lets the next increment of an unfinished transcript reuse this one's live state (see FoldCache). */
  cache?: FoldCache;
  logger?: Logger;
}

/** Parses `request.file` from `request.offset` (about `request.maxBytes` of lines), continuing `request.fold`. */
export function parseTranscript(request: ParseRequest, options: ParseOptions): ParseResult {
  const { file } = request;
  const { limits, cache, logger } = options;
  let state: FoldState;
  let offset = request.offset;
  try {
    state = takeState(request.fold, cache);
  } catch (error) {
    // A fold from another version of this plugin (an upgrade): start the transcript over; sinks de-duplicate.
    if (!(error instanceof FoldMismatchError)) throw error;
    logger?.debug(`${file.path}: ${error.message}; reading it from the start`);
    state = takeState(undefined);
    offset = 0;
  }
  const onSkip = logger && ((kind: string, start: number) => logger.debug(`${file.path}: skipped a line (${kind}) at byte ${start}`));
  const folder = new TranscriptFolder(state, limits, fileStem(file.path), onSkip);
  const read = readCompleteLines(file.path, offset, request.maxBytes, (text, start) => folder.line(text, start));
  const messages = folder.finish();
  const identity = transcriptIdentity(file, state.sessionIdField);
  for (const message of messages) message.sessionId = identity.id;
  const related: Array<{ path: string; scope: DedupScope }> = [];
  if (file.kind === 'main') {
    for (const other of request.related) {
      if (other.fold === undefined || other.file.path === file.path) continue;
      try {
        related.push({ path: other.file.path, scope: usageScopeFromFold(other.fold) });
      } catch (error) {
        // An outdated subagent fold is re-read on that file's next change; until then the roll-up leaves it out.
        if (!(error instanceof FoldMismatchError)) throw error;
        logger?.debug(`${other.file.path}: ${error.message}`);
      }
    }
  }
  const session = buildSessionRecord(file, identity, state, related, readAgentType(file.metaPath));
  const batchFile = identity.sessionId === null ? { ...file } : { ...file, sessionId: identity.sessionId };
  const fold = foldFromState(state);
  if (cache !== undefined && !read.complete) cache.set(fold, state);
  return {
    batch: { file: batchFile, cwd: mostCommonCwd(state.cwds), session, messages },
    fold,
    endOffset: read.endOffset,
    complete: read.complete,
    stats: folder.stats,
  };
}
