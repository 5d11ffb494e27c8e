/** Options of the Claude Code source plugin. */
import { z } from 'zod';

/** `roots`: config roots (or `projects/` dirs) to read instead of CLAUDE_CONFIG_DIR / the default locations. */
export const ClaudeCodeSourceOptions = z
  .object({
    roots: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type ClaudeCodeSourceOptions = z.infer<typeof ClaudeCodeSourceOptions>;
