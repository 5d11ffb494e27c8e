/** Options of the secret-redaction plugin, validated with zod (loaded only when config sets some). */
import { z } from 'zod';

export const optionsSchema = z
  .object({
    enabled: z.boolean().optional(),
    rules: z.array(z.object({ name: z.string().min(1), pattern: z.string().min(1), flags: z.string().optional() }).strict()).optional(),
  })
  .strict();

export type SecretRedactionOptions = z.infer<typeof optionsSchema>;
