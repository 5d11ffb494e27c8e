/** The one config schema; the TypeScript type derives from it and `.code-insightsrc.example` documents it. */
import { z } from 'zod';

export { DEFAULT_LIMITS } from './defaults.js';

const limitsSchema = z
  .object({
    messageText: z.number().int().positive().describe('Max characters of a message text').optional(),
    thinking: z.number().int().positive().describe('Max characters of thinking text').optional(),
    toolInput: z.number().int().positive().describe('Max characters of a tool call input (JSON)').optional(),
    toolResult: z.number().int().positive().describe('Max characters of a tool result').optional(),
  })
  .strict();

const redactionRuleSchema = z
  .object({
    name: z.string().min(1).describe('Label used in the replacement marker'),
    pattern: z.string().min(1).describe('JavaScript regular expression source'),
    flags: z.string().regex(/^[dgimsuyv]*$/).optional(),
  })
  .strict();

const redactionSchema = z
  .object({
    enabled: z.boolean().describe('Redact secrets from messages before any sink sees them (default true)').optional(),
    rules: z.array(redactionRuleSchema).describe('Extra patterns to redact, added to the built-in ones').optional(),
  })
  .strict();

/** A plugin reference: a package name or a path relative to the config file, optionally with options. */
const pluginRefSchema = z.union([z.string().min(1), z.tuple([z.string().min(1), z.record(z.string(), z.unknown())])]);

export const SINK_NAMES = ['sqlite', 'firestore'] as const;

/** Options a repository may set for its own project (and the user config for all projects). */
const projectSchema = z
  .object({
    exclude: z.boolean().describe("Don't sync this project's sessions").optional(),
    name: z.string().min(1).describe("Display name for this project's sessions").optional(),
  })
  .strict();

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    sink: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .describe('Where sync writes: "sqlite" (default), "firestore", or a list; installed plugins may add sinks')
      .optional(),
    plugins: z.array(pluginRefSchema).describe('Extra pipeline plugins: package names or paths, with options').optional(),
    disable: z.array(z.string().min(1)).describe('Built-in or installed plugins to leave out, by name').optional(),
    options: z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .describe('Options of built-in and installed plugins, keyed by plugin name')
      .optional(),
    limits: limitsSchema.describe('Caps on long message fields').optional(),
    redaction: redactionSchema.optional(),
    project: projectSchema.describe("This repository's project options (in a repository config)").optional(),
  })
  .strict();

export type CodeInsightsConfig = z.infer<typeof configSchema>;
export type PluginRef = z.infer<typeof pluginRefSchema>;
