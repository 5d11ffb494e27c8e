/** The titler's option defaults, without zod: a sync whose config sets no titler options never loads the schema. */
export const TITLER_DEFAULTS = { maxLength: 80, promptCandidates: 5 };
