/** Turns zod issues into lines that name the key, the problem and the file. */
import type { z } from 'zod';

/** `plugins[2].options.batchSize: expected number, received string (in /path/.code-insightsrc.json)` */
export function formatConfigIssues(error: z.ZodError, file: string, prefix: (string | number)[] = []): string {
  const lines = error.issues.map((issue) => {
    const key = formatPath([...prefix, ...(issue.path as (string | number)[])]);
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    return `${key || '(root)'}: ${issue.message}${keys} (in ${file})`;
  });
  return `Invalid configuration:\n  ${lines.join('\n  ')}`;
}

function formatPath(segments: (string | number)[]): string {
  return segments.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
}
