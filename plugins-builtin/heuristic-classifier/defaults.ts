/** The classifier's thresholds by default, without zod: a sync whose config sets none never loads the schema. */
export const CLASSIFIER_DEFAULTS = {
  deepMinToolCalls: 50,
  deepToolsPerPrompt: 25,
  deepMaxPrompts: 6,
  quickMaxPrompts: 2,
  quickMaxToolCalls: 6,
  quickRequestMaxToolCalls: 12,
  debugMinToolCalls: 10,
  debugErrorRate: 0.2,
  failingErrorRate: 0.15,
  editShare: 0.35,
  readOnlyShare: 0.6,
  exploreMaxEditShare: 0.1,
  vetoEdits: 3,
};
