/** Removes secrets from messages and the session digest before any classifier or sink sees them. */
import { definePlugin } from '../../src/plugins/define-plugin.js';
import { STAGE_ORDER } from '../../src/pipeline/sync-hooks.js';
import type { MessageRecord, SessionBatch } from '../../src/records/types.js';
import { BUILTIN_PATTERNS, type RedactionPattern } from './patterns.js';
import { redactMaybe, redactText } from './redact.js';
import type { SecretRedactionOptions } from './options.js';

const PLUGIN_NAME = 'secret-redaction';

export type { SecretRedactionOptions } from './options.js';

/** Built-in patterns plus the configured ones (compiled once; always global). */
export function compilePatterns(options: SecretRedactionOptions): readonly RedactionPattern[] {
  if (!options.rules?.length) return BUILTIN_PATTERNS;
  const extra = (options.rules ?? []).map((rule) => ({
    name: rule.name,
    regex: new RegExp(rule.pattern, `${(rule.flags ?? '').replace(/g/g, '')}g`),
  }));
  return [...BUILTIN_PATTERNS, ...extra];
}

/** The message with its free text redacted; the same object when nothing was (nearly all: no copies to collect). */
function redactMessage(message: MessageRecord, patterns: readonly RedactionPattern[]): MessageRecord {
  const text = redactText(message.text, patterns);
  const thinking = redactText(message.thinking, patterns);
  const toolCalls = redactField(message.toolCalls, 'input', patterns);
  const toolResults = redactField(message.toolResults, 'content', patterns);
  if (text === message.text && thinking === message.thinking && toolCalls === message.toolCalls && toolResults === message.toolResults) {
    return message;
  }
  return { ...message, text, thinking, toolCalls, toolResults };
}

/** `items` with `field` of each redacted; the same array when nothing changed. */
function redactField<T extends Record<K, string>, K extends string>(items: T[], field: K, patterns: readonly RedactionPattern[]): T[] {
  let out: T[] | undefined;
  for (const [i, item] of items.entries()) {
    const value = redactText(item[field], patterns);
    if (value === item[field]) continue;
    out ??= [...items];
    out[i] = { ...item, [field]: value };
  }
  return out ?? items;
}

/** Redacts every free-text field of a batch. */
export function redactBatch(batch: SessionBatch, patterns: readonly RedactionPattern[]): SessionBatch {
  const { digest } = batch.session;
  return {
    ...batch,
    messages: batch.messages.map((m) => redactMessage(m, patterns)),
    session: {
      ...batch.session,
      digest: {
        ...digest,
        customTitle: redactMaybe(digest.customTitle, patterns),
        aiTitle: redactMaybe(digest.aiTitle, patterns),
        summary: redactMaybe(digest.summary, patterns),
        prompts: digest.prompts.map((p) => redactText(p, patterns)),
      },
    },
  };
}

export function secretRedaction(options: SecretRedactionOptions = {}) {
  return definePlugin<SecretRedactionOptions>({
    name: PLUGIN_NAME,
    provides: 'redaction',
    // zod loads only when config gives this plugin options to check.
    optionsSchema: async () => (await import('./options.js')).optionsSchema,
    apply(hooks, context) {
      const settings = { ...options, ...context.options };
      if (settings.enabled === false) return;
      const patterns = compilePatterns(settings);
      // After identity (PRE) but before every default enricher, so nothing downstream sees a secret.
      hooks.enrich.tap({ name: PLUGIN_NAME, stage: STAGE_ORDER.PRE + 1 }, (batch) => redactBatch(batch, patterns));
    },
  });
}
