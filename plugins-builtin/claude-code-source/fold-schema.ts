/**
 * The fold: this source's per-transcript state, handed to the runner as opaque JSON after every
 * increment and back on the next one. It holds exactly what is needed to continue a transcript
 * from a line boundary and end with the same session and messages as one full pass. Maps keyed
 * by transcript strings are arrays of pairs, so no id can ever act as an object's `__proto__`.
 * A fold handed back is checked field by field (json-check.ts) before it is trusted.
 */
import type { CappedText } from './capped-text.js';
import type { Tokens } from './dedup.js';
import {
  arrayOf,
  boolean,
  describeProblem,
  integersIn,
  literal,
  nullable,
  nullableString,
  nullableStrings,
  number,
  numbers,
  object,
  string,
  strings,
  tuple,
  type Shape,
} from './json-check.js';

/** Bumped whenever the fold's meaning changes; an older fold is refused (the runner re-reads the file). */
export const FOLD_VERSION = 1;

/** A tool_use block of an open group; `input` is already rendered and capped. */
export interface ToolCallJson {
  id: string;
  name: string;
  input: string;
}

/** An assistant API response whose lines may continue in the next increment. */
export interface OpenGroupJson {
  id: string;
  messageId: string | null;
  order: number;
  parentId: string | null;
  timestamp: string | null;
  model: string | null;
  isSidechain: boolean;
  text: CappedText;
  thinking: CappedText;
  toolCalls: ToolCallJson[];
  usage: Tokens | null;
}

/**
 * The usage part of a fold: all a main transcript needs from its subagents' folds. Kept entries
 * are columns (parallel arrays), which validate an order of magnitude faster than one tuple each.
 */
export interface FoldUsageJson {
  version: typeof FOLD_VERSION;
  keptKeys: string[];
  keptMessageIds: string[];
  keptModels: Array<string | null>;
  /** Four token counts per entry: input, output, cache creation, cache read. */
  keptTokens: number[];
  /** Per entry: bit 0 = isSidechain, bit 1 = synthetic. */
  keptFlags: number[];
  looseTokens: Tokens;
  looseByModel: Array<[model: string, tokens: Tokens]>;
}

/** The fold's fields that have the same shape stored and while a transcript is read (FoldState). */
export interface FoldScalars {
  records: number;
  malformedLines: number;
  unknownRecords: number;
  humanPrompts: number;
  toolErrors: number;
  compactions: number;
  messages: number;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  gitBranch: string | null;
  claudeVersion: string | null;
  /** First `sessionId` field of the file (the parent, in legacy agent files). */
  sessionIdField: string | null;
  customTitle: string | null;
  aiTitle: string | null;
  /** [summary, record ordinal] of the last summary whose leafUuid is in the file. */
  summary: [text: string | null, ordinal: number] | null;
  prompts: string[];
  questionPrompts: number;
  promptChars: number;
  group: OpenGroupJson | null;
}

/** The whole fold. */
export interface FoldJson extends FoldUsageJson, FoldScalars {
  /** [cwd, records] in first-seen order. */
  cwds: Array<[cwd: string, records: number]>;
  /** Distinct non-synthetic assistant `message.id`s. */
  assistantIds: string[];
  models: string[];
  /** Distinct tool_use ids and, at the same index, their tool names. */
  toolIds: string[];
  toolNames: string[];
  /** Record uuids that are not message ids (for summary resolution). */
  uuids: string[];
  /** Record uuids that are message ids (distinct messages). */
  messageUuids: string[];
  /** [leafUuid, summary, ordinal]: summaries whose leaf has not been seen (yet). */
  pendingSummaries: Array<[leafUuid: string, text: string | null, ordinal: number]>;
  filesEdited: string[];
  filesRead: string[];
}

// The same shapes as checks. Field order decides which problem is reported when several fields are wrong.

const tokens = tuple(number, number, number, number);
const cappedText = tuple(string, number);

const openGroup = object<OpenGroupJson>({
  id: string,
  messageId: nullableString,
  order: number,
  parentId: nullableString,
  timestamp: nullableString,
  model: nullableString,
  isSidechain: boolean,
  text: cappedText,
  thinking: cappedText,
  toolCalls: arrayOf(object<ToolCallJson>({ id: string, name: string, input: string })),
  usage: nullable(tokens),
});

const usageFields: Shape<FoldUsageJson> = {
  version: literal(FOLD_VERSION),
  keptKeys: strings,
  keptMessageIds: strings,
  keptModels: nullableStrings,
  keptTokens: numbers,
  keptFlags: integersIn(0, 3),
  looseTokens: tokens,
  looseByModel: arrayOf(tuple(string, tokens)),
};

function keptColumnsAgree(f: FoldUsageJson): string | undefined {
  const n = f.keptKeys.length;
  const agree = f.keptMessageIds.length === n && f.keptModels.length === n && f.keptFlags.length === n && f.keptTokens.length === 4 * n;
  return agree ? undefined : 'kept usage columns differ in length';
}

const checkUsage = object<FoldUsageJson>(usageFields, keptColumnsAgree);

const checkFold = object<FoldJson>(
  {
    ...usageFields,
    records: number,
    malformedLines: number,
    unknownRecords: number,
    humanPrompts: number,
    toolErrors: number,
    compactions: number,
    messages: number,
    firstTimestamp: nullableString,
    lastTimestamp: nullableString,
    cwds: arrayOf(tuple(string, number)),
    gitBranch: nullableString,
    claudeVersion: nullableString,
    sessionIdField: nullableString,
    assistantIds: strings,
    models: strings,
    toolIds: strings,
    toolNames: strings,
    uuids: strings,
    messageUuids: strings,
    customTitle: nullableString,
    aiTitle: nullableString,
    summary: nullable(tuple(nullableString, number)),
    pendingSummaries: arrayOf(tuple(string, nullableString, number)),
    prompts: strings,
    filesEdited: strings,
    filesRead: strings,
    questionPrompts: number,
    promptChars: number,
    group: nullable(openGroup),
  },
  keptColumnsAgree,
  (f) => (f.toolNames.length === f.toolIds.length ? undefined : 'tool columns differ in length'),
);

/** Undefined when `value` is a FoldJson, else its first problem as `<path>: <problem>`. */
export function foldProblem(value: unknown): string | undefined {
  const problem = checkFold(value);
  return problem && describeProblem(problem, 'fold');
}

/** Undefined when `value` has a FoldUsageJson (the rest of the fold is not looked at), else its first problem. */
export function foldUsageProblem(value: unknown): string | undefined {
  const problem = checkUsage(value);
  return problem && describeProblem(problem, 'fold');
}
