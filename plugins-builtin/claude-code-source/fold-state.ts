/** The fold while a transcript is being read: Sets and Maps for cheap lookups, converted from/to FoldJson at the edges. */
import { emptyScope, type DedupScope, type KeptEntry, type Tokens } from './dedup.js';
import { FOLD_VERSION, foldProblem, foldUsageProblem, type FoldJson, type FoldScalars, type FoldUsageJson, type OpenGroupJson } from './fold-schema.js';

/** Mutable per-transcript state; see FoldJson for what each field means. */
export interface FoldState extends FoldScalars {
  cwds: Map<string, number>;
  assistantIds: Set<string>;
  models: Set<string>;
  tools: Map<string, string>;
  usage: DedupScope;
  uuids: Set<string>;
  messageUuids: Set<string>;
  pendingSummaries: Map<string, [text: string | null, ordinal: number]>;
  filesEdited: Set<string>;
  filesRead: Set<string>;
}

/** State for a transcript read from its start. */
export function freshState(): FoldState {
  return {
    records: 0,
    malformedLines: 0,
    unknownRecords: 0,
    humanPrompts: 0,
    toolErrors: 0,
    compactions: 0,
    messages: 0,
    firstTimestamp: null,
    lastTimestamp: null,
    cwds: new Map(),
    gitBranch: null,
    claudeVersion: null,
    sessionIdField: null,
    assistantIds: new Set(),
    models: new Set(),
    tools: new Map(),
    usage: emptyScope(),
    uuids: new Set(),
    messageUuids: new Set(),
    customTitle: null,
    aiTitle: null,
    summary: null,
    pendingSummaries: new Map(),
    prompts: [],
    filesEdited: new Set(),
    filesRead: new Set(),
    questionPrompts: 0,
    promptChars: 0,
    group: null,
  };
}

/**
 * Live states of folds just returned for an unfinished transcript, keyed by the returned object.
 * The runner hands that same object back for the next increment of the run; reusing the state then
 * skips re-validating and rebuilding it. An entry is used once: a retry with an older fold (or a
 * fold read back from disk) misses and is validated and rebuilt as usual.
 */
export type FoldCache = WeakMap<object, FoldState>;

/** The state to continue from: fresh without a fold, the cached live state of a fold we just returned, else the validated fold. */
export function takeState(fold: unknown, cache?: FoldCache): FoldState {
  if (fold === undefined) return freshState();
  if (cache !== undefined && typeof fold === 'object' && fold !== null) {
    const live = cache.get(fold);
    if (live !== undefined) {
      cache.delete(fold);
      return live;
    }
  }
  return stateFromFold(fold);
}

/** Thrown when a stored fold is not one this version of the source wrote; re-reading the transcript whole fixes it. */
export class FoldMismatchError extends Error {
  constructor(detail: string) {
    super(`stored parse state is not from this version of the Claude Code source (fold v${FOLD_VERSION}: ${detail})`);
    this.name = 'FoldMismatchError';
  }
}

/** Validates a fold handed back by the runner; throws FoldMismatchError when it is not one of ours (or from another version). */
export function stateFromFold(fold: unknown): FoldState {
  const json = validFold<FoldJson>(fold, foldProblem(fold));
  const uuids = new Set(json.uuids);
  for (const id of json.messageUuids) uuids.add(id);
  return {
    records: json.records,
    malformedLines: json.malformedLines,
    unknownRecords: json.unknownRecords,
    humanPrompts: json.humanPrompts,
    toolErrors: json.toolErrors,
    compactions: json.compactions,
    messages: json.messages,
    firstTimestamp: json.firstTimestamp,
    lastTimestamp: json.lastTimestamp,
    cwds: new Map(json.cwds),
    gitBranch: json.gitBranch,
    claudeVersion: json.claudeVersion,
    sessionIdField: json.sessionIdField,
    assistantIds: new Set(json.assistantIds),
    models: new Set(json.models),
    tools: new Map(json.toolIds.map((id, i) => [id, json.toolNames[i] ?? ''])),
    usage: { kept: keptFromColumns(json), loose: { tokens: [...json.looseTokens], byModel: new Map(json.looseByModel.map(([m, t]) => [m, [...t]])) } },
    uuids,
    messageUuids: new Set(json.messageUuids),
    customTitle: json.customTitle,
    aiTitle: json.aiTitle,
    summary: json.summary === null ? null : [...json.summary],
    pendingSummaries: new Map(json.pendingSummaries.map(([leaf, text, ordinal]) => [leaf, [text, ordinal]])),
    prompts: [...json.prompts],
    filesEdited: new Set(json.filesEdited),
    filesRead: new Set(json.filesRead),
    questionPrompts: json.questionPrompts,
    promptChars: json.promptChars,
    group: json.group === null ? null : cloneGroup(json.group),
  };
}

/** The usage scope of a related transcript's fold (its other fields are not read); it shares no array with the fold. */
export function usageScopeFromFold(fold: unknown): DedupScope {
  const json = validFold<FoldUsageJson>(fold, foldUsageProblem(fold));
  return { kept: keptFromColumns(json), loose: { tokens: [...json.looseTokens], byModel: new Map(json.looseByModel.map(([m, t]) => [m, [...t]])) } };
}

/** The fold as a T, once `problem` (its check against T's shape) found nothing; else FoldMismatchError. */
function validFold<T>(fold: unknown, problem: string | undefined): T {
  if (problem !== undefined) throw new FoldMismatchError(problem);
  return fold as T;
}

type KeptColumns = Pick<FoldJson, 'keptKeys' | 'keptMessageIds' | 'keptModels' | 'keptTokens' | 'keptFlags'>;

function keptFromColumns(json: KeptColumns): Map<string, KeptEntry> {
  const kept = new Map<string, KeptEntry>();
  const t = json.keptTokens;
  json.keptKeys.forEach((key, i) => {
    const flags = json.keptFlags[i] ?? 0;
    const entry: KeptEntry = [json.keptMessageIds[i] ?? '', t[4 * i] ?? 0, t[4 * i + 1] ?? 0, t[4 * i + 2] ?? 0, t[4 * i + 3] ?? 0, (flags & 1) === 1 ? 1 : 0, json.keptModels[i] ?? null, (flags & 2) === 2 ? 1 : 0];
    kept.set(key, entry);
  });
  return kept;
}

function keptToColumns(kept: ReadonlyMap<string, KeptEntry>): KeptColumns {
  const columns: KeptColumns = { keptKeys: [], keptMessageIds: [], keptModels: [], keptTokens: [], keptFlags: [] };
  for (const [key, e] of kept) {
    columns.keptKeys.push(key);
    columns.keptMessageIds.push(e[0]);
    columns.keptTokens.push(e[1], e[2], e[3], e[4]);
    columns.keptFlags.push(e[5] | (e[7] << 1));
    columns.keptModels.push(e[6]);
  }
  return columns;
}

/** A JSON snapshot of the state (shares nothing mutable with it). */
export function foldFromState(state: FoldState): FoldJson {
  return {
    version: FOLD_VERSION,
    ...keptToColumns(state.usage.kept),
    looseTokens: [...state.usage.loose.tokens],
    looseByModel: [...state.usage.loose.byModel].map(([m, t]): [string, Tokens] => [m, [...t]]),
    records: state.records,
    malformedLines: state.malformedLines,
    unknownRecords: state.unknownRecords,
    humanPrompts: state.humanPrompts,
    toolErrors: state.toolErrors,
    compactions: state.compactions,
    messages: state.messages,
    firstTimestamp: state.firstTimestamp,
    lastTimestamp: state.lastTimestamp,
    cwds: [...state.cwds],
    gitBranch: state.gitBranch,
    claudeVersion: state.claudeVersion,
    sessionIdField: state.sessionIdField,
    assistantIds: [...state.assistantIds],
    models: [...state.models],
    toolIds: [...state.tools.keys()],
    toolNames: [...state.tools.values()],
    uuids: [...state.uuids].filter((id) => !state.messageUuids.has(id)),
    messageUuids: [...state.messageUuids],
    customTitle: state.customTitle,
    aiTitle: state.aiTitle,
    summary: state.summary === null ? null : [...state.summary],
    pendingSummaries: [...state.pendingSummaries].map(([leaf, [text, ordinal]]): [string, string | null, number] => [leaf, text, ordinal]),
    prompts: [...state.prompts],
    filesEdited: [...state.filesEdited],
    filesRead: [...state.filesRead],
    questionPrompts: state.questionPrompts,
    promptChars: state.promptChars,
    group: state.group === null ? null : cloneGroup(state.group),
  };
}

/** Field by field: a group read from a fold may carry extra keys, which are not kept. */
function cloneGroup(group: OpenGroupJson): OpenGroupJson {
  return {
    id: group.id,
    messageId: group.messageId,
    order: group.order,
    parentId: group.parentId,
    timestamp: group.timestamp,
    model: group.model,
    isSidechain: group.isSidechain,
    text: [...group.text],
    thinking: [...group.thinking],
    toolCalls: group.toolCalls.map((call) => ({ id: call.id, name: call.name, input: call.input })),
    usage: group.usage === null ? null : [...group.usage],
  };
}
