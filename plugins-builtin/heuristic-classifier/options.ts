/** Thresholds of the heuristic classifier, validated with zod; unknown keys are an error. */
import { z } from 'zod';

const count = (fallback: number, description: string) => z.number().int().min(0).default(fallback).describe(description);
const share = (fallback: number, description: string) => z.number().min(0).max(1).default(fallback).describe(description);

/** Schema of `options["heuristic-classifier"]`. */
export const classifierOptionsSchema = z
  .object({
    deepMinToolCalls: count(50, 'deep_focus: at least this many tool calls in the session…'),
    deepToolsPerPrompt: count(25, '…at least this many tool calls per human prompt…'),
    deepMaxPrompts: count(6, '…and at most this many human prompts (a few prompts each driving a long run)'),
    quickMaxPrompts: count(2, 'quick_task: at most this many human prompts…'),
    quickMaxToolCalls: count(6, '…and at most this many tool calls'),
    quickRequestMaxToolCalls: count(12, 'quick_task when a prompt opens with "quickly" / "just": at most this many tool calls'),
    debugMinToolCalls: count(10, 'bug_hunt from tools alone: at least this many tool calls…'),
    debugErrorRate: share(0.2, '…with at least this share of failing tool calls'),
    failingErrorRate: share(0.15, 'bug_hunt in a session without a stated intent: share of failing tool calls'),
    editShare: share(0.35, 'feature_build / refactor from tools: share of Edit/Write/MultiEdit among tool calls'),
    readOnlyShare: share(0.6, 'exploration from tools: share of Read/Grep/Glob/LS/Task…'),
    exploreMaxEditShare: share(0.1, '…with edits below this share'),
    vetoEdits: count(3, 'a learning or exploration request with at least this many edits is judged by its tools instead'),
  })
  .strict();

/** Validated classifier thresholds (defaults applied). */
export type HeuristicClassifierOptions = z.infer<typeof classifierOptionsSchema>;
/** What a caller or config may pass (every key optional). */
export type HeuristicClassifierInput = z.input<typeof classifierOptionsSchema>;
