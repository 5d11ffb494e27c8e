import { describe, expect, it } from 'vitest';
import { classifierOptionsSchema } from '../../../plugins-builtin/heuristic-classifier/options.js';
import { applyRules, RULES } from '../../../plugins-builtin/heuristic-classifier/rules.js';
import type { Signals } from '../../../plugins-builtin/heuristic-classifier/signals.js';

const options = classifierOptionsSchema.parse({});

/** Signals of a one-prompt session with a given tool mix; override what a case needs. */
function signals(overrides: Partial<Signals> = {}): Signals {
  const base: Signals = {
    humanPrompts: 1,
    assistantMessages: 1,
    toolCalls: 0,
    readTools: 0,
    editTools: 0,
    bashTools: 0,
    agentTools: 0,
    webTools: 0,
    toolErrors: 0,
    errorRate: 0,
    editShare: 0,
    readShare: 0,
    toolsPerPrompt: 0,
    filesEdited: 0,
    filesRead: 0,
    questionPrompts: 0,
    promptChars: 40,
    compactions: 0,
    durationMinutes: 5,
    intent: 'none',
    quickMarker: false,
    bugWordPrompts: 0,
    refactorWordPrompts: 0,
  };
  const merged = { ...base, ...overrides };
  const mix = merged.toolCalls;
  return {
    ...merged,
    errorRate: overrides.errorRate ?? (mix ? merged.toolErrors / mix : 0),
    editShare: overrides.editShare ?? (mix ? merged.editTools / mix : 0),
    readShare: overrides.readShare ?? (mix ? (merged.readTools + merged.agentTools) / mix : 0),
    toolsPerPrompt: overrides.toolsPerPrompt ?? mix / Math.max(1, merged.humanPrompts),
  };
}

const decide = (s: Signals) => applyRules(s, options);

describe('rule table', () => {
  it('has unique rule names and ends in a rule that always decides', () => {
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    expect(RULES.at(-1)?.decide(signals({ humanPrompts: 0 }), options)).not.toBeUndefined();
  });
});

describe('applyRules', () => {
  it('returns null when there is nothing to judge', () => {
    expect(decide(signals({ humanPrompts: 0 }))).toEqual({ character: null, rule: 'no-activity' });
  });

  it('judges a session with tool calls but no human prompt (a resumed or headless run)', () => {
    expect(decide(signals({ humanPrompts: 0, toolCalls: 3, readTools: 3 })).character).not.toBeNull();
  });

  it('deep_focus: a few prompts each driving a long run, whatever they asked for', () => {
    const long = signals({ humanPrompts: 3, toolCalls: 120, editTools: 50, readTools: 40, bashTools: 30, intent: 'feature' });
    expect(decide(long)).toEqual({ character: 'deep_focus', rule: 'long-autonomous-run' });
    // Many prompts with the same number of calls are a normal working session, not one long run.
    expect(decide({ ...long, humanPrompts: 12, toolsPerPrompt: 10 }).rule).toBe('feature-request');
  });

  it('deep_focus: continuation prompts', () => {
    expect(decide(signals({ intent: 'continue', toolCalls: 4, editTools: 2, readTools: 2 }))).toEqual({ character: 'deep_focus', rule: 'continuation' });
  });

  it('bug_hunt: a failing loop outweighs the stated intent', () => {
    const loop = signals({ intent: 'feature', toolCalls: 20, toolErrors: 6, bashTools: 10, readTools: 6, editTools: 4 });
    expect(decide(loop)).toEqual({ character: 'bug_hunt', rule: 'debugging-loop' });
    expect(decide({ ...loop, toolErrors: 2, errorRate: 0.1 }).rule).toBe('feature-request');
  });

  it('quick_task: "just…" stays quick while small, else its inner intent counts', () => {
    const quick = signals({ quickMarker: true, intent: 'bug', toolCalls: 8, editTools: 2, readTools: 6 });
    expect(decide(quick)).toEqual({ character: 'quick_task', rule: 'quick-request' });
    expect(decide({ ...quick, toolCalls: 30 }).character).toBe('bug_hunt');
  });

  it.each([
    ['refactor', 'refactor', 'refactor-request'],
    ['bug', 'bug_hunt', 'bug-report'],
    ['feature', 'feature_build', 'feature-request'],
    ['learn', 'learning', 'question'],
    ['explore', 'exploration', 'exploration-request'],
  ] as const)('intent %s → %s', (intent, character, rule) => {
    expect(decide(signals({ intent, toolCalls: 2, readTools: 2 }))).toEqual({ character, rule });
  });

  it('a "why does…" question is debugging when running and editing outweigh reading docs, else learning', () => {
    expect(decide(signals({ intent: 'why', toolCalls: 3, readTools: 2, bashTools: 1 })).rule).toBe('why-with-debugging');
    expect(decide(signals({ intent: 'why', toolCalls: 2, readTools: 1, editTools: 1 })).character).toBe('bug_hunt');
    expect(decide(signals({ intent: 'why', toolCalls: 3, readTools: 2, webTools: 1 }))).toEqual({ character: 'learning', rule: 'question' });
    expect(decide(signals({ intent: 'why', toolCalls: 12, readTools: 6, webTools: 4, bashTools: 2, toolErrors: 1 })).character).toBe('learning');
  });

  it('a question or exploration request followed by real editing is judged by its tools', () => {
    const s = signals({ intent: 'learn', humanPrompts: 4, toolCalls: 20, editTools: 10, readTools: 10, refactorWordPrompts: 0 });
    expect(decide(s)).toEqual({ character: 'feature_build', rule: 'edit-heavy' });
    expect(decide({ ...s, intent: 'explore', refactorWordPrompts: 1 })).toEqual({ character: 'refactor', rule: 'edit-heavy' });
  });

  it('quick_task: a small session without a stated intent', () => {
    expect(decide(signals({ humanPrompts: 2, toolCalls: 3, readTools: 1, editTools: 1, bashTools: 1 }))).toEqual({
      character: 'quick_task',
      rule: 'small-session',
    });
  });

  it('tool-mix rules for larger sessions without a stated intent', () => {
    const base = { humanPrompts: 5, toolCalls: 30 };
    expect(decide(signals({ ...base, bashTools: 15, readTools: 15, toolErrors: 5 }))).toEqual({ character: 'bug_hunt', rule: 'failing-tools' });
    expect(decide(signals({ ...base, editTools: 15, readTools: 15 }))).toEqual({ character: 'feature_build', rule: 'edit-heavy' });
    expect(decide(signals({ ...base, readTools: 25, bashTools: 5 }))).toEqual({ character: 'exploration', rule: 'read-mostly' });
    expect(decide(signals({ ...base, readTools: 27, editTools: 2, bashTools: 1 }))).toEqual({ character: 'exploration', rule: 'read-mostly' });
    expect(decide(signals({ ...base, readTools: 12, bashTools: 18 }))).toEqual({ character: 'exploration', rule: 'inspection' });
    expect(decide(signals({ ...base, toolCalls: 6, bashTools: 3, readTools: 3 }))).toEqual({ character: 'learning', rule: 'discussion' });
    expect(decide(signals({ ...base, bashTools: 15, readTools: 15, questionPrompts: 3 }))).toEqual({ character: 'learning', rule: 'discussion' });
    expect(decide(signals({ ...base, bashTools: 20, readTools: 8, editTools: 2 }))).toEqual({ character: 'feature_build', rule: 'mixed-work' });
  });

  it('honours configured thresholds', () => {
    const s = signals({ humanPrompts: 2, toolCalls: 8, readTools: 8 });
    expect(applyRules(s, options).rule).toBe('read-mostly');
    expect(applyRules(s, classifierOptionsSchema.parse({ quickMaxToolCalls: 10 })).rule).toBe('small-session');
  });
});
