/** Thresholds of the heuristic classifier, validated with zod; unknown keys are an error. */
import { z } from 'zod';
import { CLASSIFIER_DEFAULTS } from './defaults.js';

const count = (fallback: number, description: string) => z.number().int().min(0).default(fallback).describe(description);
const share = (fallback: number, description: string) => z.number().min(0).max(1).default(fallback).describe(description);

/** Schema of `options["heuristic-classifier"]`. */
export const classifierOptionsSchema = z
  .object({
    deepMinToolCalls: count(CLASSIFIER_DEFAULTS.deepMinToolCalls, 'deep_focus: at least this many tool calls in the session…'),
    deepToolsPerPrompt: count(CLASSIFIER_DEFAULTS.deepToolsPerPrompt, '…at least this many tool calls per human prompt…'),
    deepMaxPrompts: count(CLASSIFIER_DEFAULTS.deepMaxPrompts, '…and at most this many human prompts (a few prompts each driving a long run)'),
    quickMaxPrompts: count(CLASSIFIER_DEFAULTS.quickMaxPrompts, 'quick_task: at most this many human prompts…'),
    quickMaxToolCalls: count(CLASSIFIER_DEFAULTS.quickMaxToolCalls, '…and at most this many tool calls'),
    quickRequestMaxToolCalls: count(CLASSIFIER_DEFAULTS.quickRequestMaxToolCalls, 'quick_task when a prompt opens with "quickly" / "just": at most this many tool calls'),
    debugMinToolCalls: count(CLASSIFIER_DEFAULTS.debugMinToolCalls, 'bug_hunt from tools alone: at least this many tool calls…'),
    debugErrorRate: share(CLASSIFIER_DEFAULTS.debugErrorRate, '…with at least this share of failing tool calls'),
    failingErrorRate: share(CLASSIFIER_DEFAULTS.failingErrorRate, 'bug_hunt in a session without a stated intent: share of failing tool calls'),
    editShare: share(CLASSIFIER_DEFAULTS.editShare, 'feature_build / refactor from tools: share of Edit/Write/MultiEdit among tool calls'),
    readOnlyShare: share(CLASSIFIER_DEFAULTS.readOnlyShare, 'exploration from tools: share of Read/Grep/Glob/LS/Task…'),
    exploreMaxEditShare: share(CLASSIFIER_DEFAULTS.exploreMaxEditShare, '…with edits below this share'),
    vetoEdits: count(CLASSIFIER_DEFAULTS.vetoEdits, 'a learning or exploration request with at least this many edits is judged by its tools instead'),
  })
  .strict();

/** Validated classifier thresholds (defaults applied). */
export type HeuristicClassifierOptions = z.infer<typeof classifierOptionsSchema>;
/** What a caller or config may pass (every key optional). */
export type HeuristicClassifierInput = z.input<typeof classifierOptionsSchema>;
