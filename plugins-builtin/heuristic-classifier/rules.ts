/**
 * The classification rules, tried in this order; the first that matches decides.
 *
 * | #  | rule                | character                 | when                                                                                       |
 * |----|---------------------|---------------------------|--------------------------------------------------------------------------------------------|
 * | 1  | no-activity         | null                      | no human prompt and no tool call: nothing to judge                                         |
 * | 2  | long-autonomous-run | deep_focus                | ≤ deepMaxPrompts prompts driving ≥ deepMinToolCalls tool calls, ≥ deepToolsPerPrompt each  |
 * | 3  | continuation        | deep_focus                | the prompts pick up earlier work ("continue with…", "next part of…")                       |
 * | 4  | debugging-loop      | bug_hunt                  | ≥ debugMinToolCalls tool calls, ≥ debugErrorRate of them failing, Bash in use              |
 * | 5  | quick-request       | quick_task                | opens with "quickly" / "just"; ≤ quickMaxPrompts prompts, ≤ quickRequestMaxToolCalls tools |
 * | 6  | refactor-request    | refactor                  | opens with refactor / rename / extract / clean up…                                         |
 * | 7  | bug-report          | bug_hunt                  | opens with fix / debug, or names an error or failure in its first words                    |
 * | 8  | why-with-debugging  | bug_hunt                  | "why does X…" (or a question naming an error), then more Bash + edits than web fetches     |
 * | 9  | feature-request     | feature_build             | opens with add / implement / create / build…                                               |
 * | 10 | question            | learning                  | a question ("how does…", "explain…", "…?") with fewer than vetoEdits edits                 |
 * | 11 | exploration-request | exploration               | opens with find / where / walk me through… with fewer than vetoEdits edits                 |
 * | 12 | small-session       | quick_task                | ≤ quickMaxPrompts prompts and ≤ quickMaxToolCalls tool calls                               |
 * | 13 | failing-tools       | bug_hunt                  | ≥ failingErrorRate of tool calls failed (at least two)                                     |
 * | 14 | edit-heavy          | refactor or feature_build | ≥ editShare edits: refactor if the prompts use refactor words                              |
 * | 15 | read-mostly         | exploration               | edits under exploreMaxEditShare, ≥ readOnlyShare reads / searches / subagents              |
 * | 16 | discussion          | learning                  | no edits, and under two tool calls per prompt or mostly questions: talking, not changing   |
 * | 17 | inspection          | exploration               | no edits but tools in use (reading, running commands): looking, not changing               |
 * | 18 | mixed-work          | feature_build             | anything else: a working session that changed code with a mixed tool mix                   |
 *
 * Intent rules (5–11) come before tool-mix rules because a stated goal is the better signal in the short sessions
 * most people run; rules 2–4 come first because a long run or a failing loop outweighs what the first prompt said.
 */
import type { Character } from '../../src/records/types.js';
import type { HeuristicClassifierOptions } from './options.js';
import type { Signals } from './signals.js';

/** One rule: a name, and a pure function giving its character (or null when it does not apply). */
export interface Rule {
  name: string;
  /** `undefined` = rule does not apply; `null` = applies and says "nothing to judge". */
  decide(signals: Signals, options: HeuristicClassifierOptions): Character | null | undefined;
}

const small = (s: Signals, o: HeuristicClassifierOptions) => s.humanPrompts <= o.quickMaxPrompts && s.toolCalls <= o.quickMaxToolCalls;
const fewEdits = (s: Signals, o: HeuristicClassifierOptions) => s.editTools < o.vetoEdits;

/** The rules in priority order (see the table above). */
export const RULES: readonly Rule[] = [
  { name: 'no-activity', decide: (s) => (s.humanPrompts === 0 && s.toolCalls === 0 ? null : undefined) },
  {
    name: 'long-autonomous-run',
    decide: (s, o) =>
      s.toolCalls >= o.deepMinToolCalls && s.toolsPerPrompt >= o.deepToolsPerPrompt && s.humanPrompts <= o.deepMaxPrompts
        ? 'deep_focus'
        : undefined,
  },
  { name: 'continuation', decide: (s) => (s.intent === 'continue' ? 'deep_focus' : undefined) },
  {
    name: 'debugging-loop',
    decide: (s, o) =>
      s.toolCalls >= o.debugMinToolCalls && s.errorRate >= o.debugErrorRate && s.bashTools > 0 ? 'bug_hunt' : undefined,
  },
  {
    name: 'quick-request',
    decide: (s, o) =>
      s.quickMarker && s.humanPrompts <= o.quickMaxPrompts && s.toolCalls <= o.quickRequestMaxToolCalls ? 'quick_task' : undefined,
  },
  { name: 'refactor-request', decide: (s) => (s.intent === 'refactor' ? 'refactor' : undefined) },
  { name: 'bug-report', decide: (s) => (s.intent === 'bug' ? 'bug_hunt' : undefined) },
  {
    name: 'why-with-debugging',
    // Running and changing code (more than reading docs) is debugging; reading docs and code is learning.
    decide: (s) => (s.intent === 'why' && s.bashTools + s.editTools > s.webTools ? 'bug_hunt' : undefined),
  },
  { name: 'feature-request', decide: (s) => (s.intent === 'feature' ? 'feature_build' : undefined) },
  {
    name: 'question',
    decide: (s, o) => ((s.intent === 'learn' || s.intent === 'why') && fewEdits(s, o) ? 'learning' : undefined),
  },
  { name: 'exploration-request', decide: (s, o) => (s.intent === 'explore' && fewEdits(s, o) ? 'exploration' : undefined) },
  { name: 'small-session', decide: (s, o) => (small(s, o) ? 'quick_task' : undefined) },
  {
    name: 'failing-tools',
    decide: (s, o) => (s.toolErrors >= 2 && s.errorRate >= o.failingErrorRate ? 'bug_hunt' : undefined),
  },
  {
    name: 'edit-heavy',
    decide: (s, o) => (s.editShare >= o.editShare ? (s.refactorWordPrompts > 0 ? 'refactor' : 'feature_build') : undefined),
  },
  {
    name: 'read-mostly',
    decide: (s, o) => (s.editShare < o.exploreMaxEditShare && s.readShare >= o.readOnlyShare ? 'exploration' : undefined),
  },
  {
    name: 'discussion',
    decide: (s) => (s.editTools === 0 && (s.toolsPerPrompt < 2 || s.questionPrompts * 2 >= s.humanPrompts) ? 'learning' : undefined),
  },
  { name: 'inspection', decide: (s) => (s.editTools === 0 ? 'exploration' : undefined) },
  { name: 'mixed-work', decide: () => 'feature_build' },
];

/** The character of the first matching rule, and that rule's name. */
export function applyRules(signals: Signals, options: HeuristicClassifierOptions): { character: Character | null; rule: string } {
  for (const rule of RULES) {
    const character = rule.decide(signals, options);
    if (character !== undefined) return { character, rule: rule.name };
  }
  // Unreachable while the last rule always decides; kept so a reordering cannot return an unexplained null.
  return { character: null, rule: 'none' };
}
