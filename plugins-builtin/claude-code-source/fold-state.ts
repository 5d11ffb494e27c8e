/** The fold while a transcript is being read: Sets and Maps for cheap lookups, converted from/to FoldJson at the edges. */
import { emptyScope, type DedupScope, type Tokens } from './dedup.js';
import { FOLD_VERSION, FoldJson, FoldUsageJson, type OpenGroupJson } from './fold-schema.js';

/** Mutable per-transcript state; see FoldJson for what each field means. */
export interface FoldState {
  records: number;
  malformedLines: number;
  unknownRecords: number;
  humanPrompts: number;
  toolErrors: number;
  compactions: number;
  messages: number;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  cwds: Map<string, number>;
  gitBranch: string | null;
  claudeVersion: string | null;
  sessionIdField: string | null;
  assistantIds: Set<string>;
  models: Set<string>;
  tools: Map<string, string>;
  usage: DedupScope;
  uuids: Set<string>;
  messageUuids: Set<string>;
  customTitle: string | null;
  aiTitle: string | null;
  summary: [text: string | null, ordinal: number] | null;
  pendingSummaries: Map<string, [text: string | null, ordinal: number]>;
  prompts: string[];
  filesEdited: Set<string>;
  filesRead: Set<string>;
  questionPrompts: number;
  promptChars: number;
  group: OpenGroupJson | null;
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

/** Validates a fold handed back by the runner; throws when it is not one of ours (or from another version). */
export function stateFromFold(fold: unknown): FoldState {
  const json = FoldJson.parse(fold);
  const uuids = new Set(json.uuids);
  for (const id of json.messageUuids) uuids.add(id);
  return {
    ...json,
    cwds: new Map(json.cwds),
    assistantIds: new Set(json.assistantIds),
    models: new Set(json.models),
    tools: new Map(json.tools),
    usage: { kept: new Map(json.kept), loose: { tokens: [...json.looseTokens], byModel: new Map(json.looseByModel.map(([m, t]) => [m, [...t]])) } },
    uuids,
    messageUuids: new Set(json.messageUuids),
    summary: json.summary === null ? null : [...json.summary],
    pendingSummaries: new Map(json.pendingSummaries.map(([leaf, text, ordinal]) => [leaf, [text, ordinal]])),
    prompts: [...json.prompts],
    filesEdited: new Set(json.filesEdited),
    filesRead: new Set(json.filesRead),
    group: json.group === null ? null : cloneGroup(json.group),
  };
}

/** The usage scope of a related transcript's fold (its other fields are not read). */
export function usageScopeFromFold(fold: unknown): DedupScope {
  const json = FoldUsageJson.parse(fold);
  return { kept: new Map(json.kept), loose: { tokens: json.looseTokens, byModel: new Map(json.looseByModel) } };
}

/** A JSON snapshot of the state (shares nothing mutable with it). */
export function foldFromState(state: FoldState): FoldJson {
  return {
    version: FOLD_VERSION,
    kept: [...state.usage.kept],
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
    tools: [...state.tools],
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

function cloneGroup(group: OpenGroupJson): OpenGroupJson {
  return {
    ...group,
    text: [...group.text],
    thinking: [...group.thinking],
    toolCalls: group.toolCalls.map((call) => ({ ...call })),
    usage: group.usage === null ? null : [...group.usage],
  };
}
