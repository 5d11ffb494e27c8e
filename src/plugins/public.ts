/**
 * `code-insights/plugin`: everything a plugin author needs, and nothing of the CLI's internals.
 * docs/plugins.md explains each hook; this module is the API those docs describe.
 */
export { definePlugin } from './define-plugin.js';
/** The host's zod: an `optionsSchema` built with it is validated by the loader, and an installed plugin needs no copy. */
export { z } from 'zod';
export { STAGE_ORDER, STAGES, type SyncHookName, type SyncHooks, type TranscriptOutcome } from '../pipeline/sync-hooks.js';
export { capText } from '../records/cap-text.js';
export { CHARACTERS, SCHEMA_VERSION, ZERO_USAGE } from '../records/types.js';
export type {
  Character,
  CharacterSignals,
  DeviceInfo,
  IdSource,
  MessageKind,
  MessageRecord,
  MessageRole,
  ProjectRecord,
  SessionBatch,
  SessionDigest,
  SessionKind,
  SessionRecord,
  SourceFile,
  TitleSource,
  ToolCall,
  ToolResult,
  Usage,
} from '../records/types.js';
export type {
  ContentLimits,
  Logger,
  ParseRequest,
  ParseResult,
  ParseStats,
  PluginContext,
  PluginOrigin,
  Sink,
  SyncPlugin,
  SyncRun,
  SyncSummary,
  TitleUpdate,
} from './types.js';
export { CodeInsightsError, ConfigError, SinkError, StageError } from '../errors.js';
export {
  SYNC_PLUGINS_HOOK,
  type CodeInsightsHooks,
  type SyncPluginsHook,
  type SyncPluginsHookOptions,
  type SyncPluginsHookResult,
} from './sync-plugins-hook.js';
