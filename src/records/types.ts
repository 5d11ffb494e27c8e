/**
 * Domain records every plugin exchanges. One home for them; wire formats stay with their source plugin.
 * Values here are plain JSON (no Dates, no Maps) so they cross sinks, the fold store and `--json` unchanged.
 */

/** Version of the stored record layout; bump with a migration when fields change meaning. */
export const SCHEMA_VERSION = 1;

export type SessionKind = 'main' | 'subagent' | 'compaction';

/** Token counts of one transcript or a roll-up, de-duplicated per API message. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

export const ZERO_USAGE: Readonly<Usage> = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cacheCreationTokens: 0,
  cacheReadTokens: 0,
});

/** A transcript file found by a source's `discover`. */
export interface SourceFile {
  /** Name of the source plugin that found it; that plugin parses it. */
  source: string;
  /** Absolute path. */
  path: string;
  /** The config root it was found under (e.g. `~/.claude`). */
  root: string;
  /** Opaque key of the directory that groups it (Claude Code: the encoded project dir). Never decoded. */
  projectDir: string;
  kind: SessionKind;
  /** Owning (main) session id when known from the path; legacy agent files learn it while parsing. */
  sessionId?: string;
  /** `<id>` of `agent-<id>.jsonl`. */
  agentId?: string;
  /** Sidecar `agent-<id>.meta.json`, when present. */
  metaPath?: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

export type IdSource = 'git-remote' | 'path-hash';

/** A project: one git repository (same id on every machine) or one directory (per machine). */
export interface ProjectRecord {
  id: string;
  name: string;
  /** The working directory sessions ran in (display path, from the records' `cwd`). */
  path: string;
  /** Normalised remote URL, never with credentials. */
  gitRemoteUrl: string | null;
  idSource: IdSource;
  /** Device ids that synced sessions of this project (sinks merge, never replace). */
  devices: string[];
  /** Latest session activity (ISO); sinks never move it backwards. */
  lastActivity: string | null;
}

export interface DeviceInfo {
  id: string;
  hostname: string;
  platform: string;
}

/** Why the classifier chose a character: the numbers it looked at and the rule that fired. */
export interface CharacterSignals {
  rule: string;
  [signal: string]: number | string | boolean;
}

export type Character =
  | 'deep_focus'
  | 'bug_hunt'
  | 'feature_build'
  | 'exploration'
  | 'refactor'
  | 'learning'
  | 'quick_task';

export const CHARACTERS: readonly Character[] = [
  'deep_focus',
  'bug_hunt',
  'feature_build',
  'exploration',
  'refactor',
  'learning',
  'quick_task',
];

export type TitleSource = 'custom-title' | 'ai-title' | 'summary' | 'prompt' | 'fallback';

/**
 * What the titler and classifier work from: folded while records stream by, so it is the same
 * whether a transcript was read in one pass or in many increments.
 */
export interface SessionDigest {
  /** Last `custom-title` record's text. */
  customTitle: string | null;
  /** Last `ai-title` record's text. */
  aiTitle: string | null;
  /** Last `summary` whose leafUuid is a record of this transcript. */
  summary: string | null;
  /** The first few human prompts (capped), in order, for titling. */
  prompts: string[];
  /** Tool calls by tool name (distinct tool_use ids). */
  toolCounts: Record<string, number>;
  /** Distinct file paths touched by edit/write tools (capped list) and their total count. */
  filesEdited: string[];
  filesEditedCount: number;
  /** Distinct file paths read (count only). */
  filesReadCount: number;
  /** Human prompts that look like questions / learning requests / bug reports (counted by the source). */
  questionPrompts: number;
  /** Sum of characters of human prompts. */
  promptChars: number;
}

/** One transcript as a session. Subagent and compaction transcripts are child sessions. */
export interface SessionRecord {
  id: string;
  /** The tool that wrote the transcript (`claude-code`). */
  sourceTool: string;
  kind: SessionKind;
  projectId: string;
  projectName: string;
  projectPath: string;
  parentSessionId: string | null;
  agentId: string | null;
  agentType: string | null;
  /** Absolute path of the transcript on the device that synced it. */
  sourcePath: string;

  title: string | null;
  titleSource: TitleSource | null;
  /** Set by users in the store; sync never overwrites it. Claude Code's own `/rename` is `digest.customTitle`. */
  customTitle: string | null;
  character: Character | null;
  characterSignals: CharacterSignals | null;

  startedAt: string | null;
  endedAt: string | null;
  gitBranch: string | null;
  claudeVersion: string | null;
  models: string[];

  messageCount: number;
  humanPromptCount: number;
  assistantMessageCount: number;
  toolCallCount: number;
  toolErrorCount: number;
  compactionCount: number;
  unknownRecordCount: number;
  malformedLineCount: number;

  /** This transcript's own usage, de-duplicated per `message.id:requestId`. */
  usage: Usage;
  /** `usage` split by model (synthetic lines excluded), for pricing. */
  usageByModel: Record<string, Usage>;
  /** Main sessions: usage de-duplicated over the session and all its subagent files. Children: their own usage. */
  usageWithSubagents: Usage;
  /** Estimated cost in USD of `usage`; null when no model had a known price. */
  costUsd: number | null;
  /** Models seen without a price (reported, not guessed). */
  unpricedModels: string[];

  digest: SessionDigest;
  device: DeviceInfo;
  schemaVersion: number;
}

export type MessageRole = 'user' | 'assistant' | 'system';

export type MessageKind =
  | 'human_prompt'
  | 'tool_result'
  | 'command'
  | 'meta'
  | 'compact_summary'
  | 'interrupt'
  | 'assistant'
  | 'system';

export interface ToolCall {
  id: string;
  name: string;
  /** JSON of the input, capped. */
  input: string;
}

export interface ToolResult {
  toolUseId: string;
  isError: boolean;
  /** Text of the result, capped. */
  content: string;
}

/**
 * One message. A user/system record is one message; the lines of one streamed assistant API
 * response are one message whose id is the uuid of its first line.
 */
export interface MessageRecord {
  id: string;
  sessionId: string;
  /** Position in the transcript (record ordinal of its first line). */
  order: number;
  parentId: string | null;
  role: MessageRole;
  kind: MessageKind;
  timestamp: string | null;
  text: string;
  thinking: string;
  toolCalls: ToolCall[];
  toolResults: ToolResult[];
  model: string | null;
  usage: Usage | null;
  isSidechain: boolean;
}

/** What flows through enrich → classify → upload: one transcript's new data and its up-to-date session. */
export interface SessionBatch {
  file: SourceFile;
  /** Most common working directory of the transcript's records; identity is derived from it. */
  cwd: string | null;
  project: ProjectRecord;
  session: SessionRecord;
  /** Messages parsed in this increment (possibly a re-emitted message that grew). */
  messages: MessageRecord[];
  /** Set by an enricher to keep this transcript out of every sink (e.g. its repository excludes itself); the reason is reported. */
  skip?: string;
  /**
   * The transcript is being read again from its first byte after it was rewritten (or `--force`): sinks drop the
   * messages they hold for this session before writing, so none of the old version lingers. Set on the first
   * increment only.
   */
  replace?: boolean;
}
