/** One increment of one transcript: read complete lines from the cursor, fold them, report session and messages. */
import type { ContentLimits, ParseRequest, ParseResult } from '../../src/plugins/types.js';
import { readAgentType } from './agent-meta.js';
import type { DedupScope } from './dedup.js';
import { foldFromState, takeState, usageScopeFromFold, type FoldCache } from './fold-state.js';
import { readCompleteLines } from './line-reader.js';
import { buildSessionRecord, fileStem, mostCommonCwd, transcriptIdentity } from './session-record.js';
import { TranscriptFolder } from './transcript-folder.js';

/**
 * Parses `request.file` from `request.offset` (about `request.maxBytes` of lines), continuing
 * `request.fold`. `cache` (one per plugin instance) lets the next increment of an unfinished
 * transcript reuse this one's live state instead of rebuilding it from the returned fold.
 */
export function parseTranscript(request: ParseRequest, limits: ContentLimits, cache?: FoldCache): ParseResult {
  const { file } = request;
  const state = takeState(request.fold, cache);
  const folder = new TranscriptFolder(state, limits, fileStem(file.path));
  const read = readCompleteLines(file.path, request.offset, request.maxBytes, (text, start) => folder.line(text, start === 0));
  const messages = folder.finish();
  const identity = transcriptIdentity(file, state.sessionIdField);
  for (const message of messages) message.sessionId = identity.id;
  const related: Array<{ path: string; scope: DedupScope }> = [];
  if (file.kind === 'main') {
    for (const other of request.related) {
      if (other.fold === undefined || other.file.path === file.path) continue;
      related.push({ path: other.file.path, scope: usageScopeFromFold(other.fold) });
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
