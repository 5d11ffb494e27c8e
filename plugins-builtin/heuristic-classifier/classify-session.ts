/** Classifies a session's character from its folded record, with the signals and rule behind it. */
import type { Character, CharacterSignals, SessionRecord } from '../../src/records/types.js';
import type { HeuristicClassifierOptions } from './options.js';
import { applyRules } from './rules.js';
import { computeSignals } from './signals.js';

/** Character and why; recomputed on every call so a session that grows can change character. */
export function classifySession(
  session: SessionRecord,
  options: HeuristicClassifierOptions,
): { character: Character | null; characterSignals: CharacterSignals } {
  const signals = computeSignals(session);
  const { character, rule } = applyRules(signals, options);
  return { character, characterSignals: { rule, ...signals } };
}
