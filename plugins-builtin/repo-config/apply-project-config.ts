/** Applies one repository's own project options to a batch of that project: exclusion, display name, redaction, caps. */
import type { ContentLimits } from '../../src/plugins/types.js';
import type { MessageRecord, SessionBatch } from '../../src/records/types.js';
import { recapText } from './recap-text.js';

/** An extra redaction rule, as written in config. */
export interface RedactionRule {
  name: string;
  pattern: string;
  flags?: string | undefined;
}

/** What a repository's config says about its own project (the shape the lookup returns). */
export interface ProjectSettings {
  file: string;
  project: { exclude?: boolean | undefined; name?: string | undefined };
  redactionRules: RedactionRule[];
  limits: Partial<ContentLimits>;
}

/** Redacts a batch with extra rules (injected: the redaction code belongs to the redaction plugin). */
export type Redactor = (batch: SessionBatch, rules: readonly RedactionRule[]) => SessionBatch;

/** Returns the batch with the repository's options applied; an excluded project's batch is marked `skip`. */
export function applyProjectConfig(batch: SessionBatch, settings: ProjectSettings, redact: Redactor): SessionBatch {
  if (settings.project.exclude) return { ...batch, skip: `project excluded by ${settings.file}` };
  let out = batch;
  const name = settings.project.name;
  if (name) {
    out = { ...out, project: { ...out.project, name }, session: { ...out.session, projectName: name } };
  }
  if (settings.redactionRules.length > 0) out = redact(out, settings.redactionRules);
  if (Object.keys(settings.limits).length > 0) out = { ...out, messages: out.messages.map((m) => capMessage(m, settings.limits)) };
  return out;
}

/** Lowers the caps of one message's long fields; caps can only go down, the source already cut at the run's limits. */
function capMessage(message: MessageRecord, limits: Partial<ContentLimits>): MessageRecord {
  const cap = (text: string, max: number | undefined) => (max === undefined ? text : recapText(text, max));
  return {
    ...message,
    text: cap(message.text, limits.messageText),
    thinking: cap(message.thinking, limits.thinking),
    toolCalls: message.toolCalls.map((call) => ({ ...call, input: cap(call.input, limits.toolInput) })),
    toolResults: message.toolResults.map((result) => ({ ...result, content: cap(result.content, limits.toolResult) })),
  };
}
