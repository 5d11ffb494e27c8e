/** Options of the heuristic titler, validated with zod; unknown keys are an error. */
import { z } from 'zod';
import { TITLER_DEFAULTS } from './defaults.js';

/** Schema of `options["heuristic-titler"]`. */
export const titlerOptionsSchema = z
  .object({
    maxLength: z
      .number()
      .int()
      .min(16)
      .max(500)
      .default(TITLER_DEFAULTS.maxLength)
      .describe('Longest title in code points; longer titles are cut on a word boundary and end in "…"'),
    promptCandidates: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(TITLER_DEFAULTS.promptCandidates)
      .describe('How many of the earliest kept human prompts compete to become the title'),
  })
  .strict();

/** Validated titler options (defaults applied). */
export type HeuristicTitlerOptions = z.infer<typeof titlerOptionsSchema>;
/** What a caller or config may pass (every key optional). */
export type HeuristicTitlerInput = z.input<typeof titlerOptionsSchema>;
