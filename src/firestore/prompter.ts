/** Terminal prompts for `init` (node:readline/promises); only used when stdin is a TTY. */
import { createInterface } from 'node:readline/promises';

/** Asks questions; answers are trimmed. */
export interface Prompter {
  /** Returns the answer, or `fallback` when the answer is empty. */
  ask(question: string, fallback?: string): Promise<string>;
  /** Yes/no with a default. */
  confirm(question: string, fallback: boolean): Promise<boolean>;
  /** Pick one of `choices` (by name); the default when empty. */
  choose<T extends string>(question: string, choices: readonly T[], fallback: T): Promise<T>;
  close(): void;
}

/** A prompter on the given streams (stdin/stdout by default). */
export function createPrompter(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Prompter {
  const rl = createInterface({ input, output, terminal: Reflect.get(input, 'isTTY') === true });
  const ask = async (question: string, fallback?: string) => {
    const hint = fallback ? ` [${fallback}]` : '';
    const answer = (await rl.question(`${question}${hint}: `)).trim();
    return answer === '' ? (fallback ?? '') : answer;
  };
  return {
    ask,
    async confirm(question, fallback) {
      for (;;) {
        const answer = (await ask(`${question} (${fallback ? 'Y/n' : 'y/N'})`)).toLowerCase();
        if (answer === '') return fallback;
        if (['y', 'yes'].includes(answer)) return true;
        if (['n', 'no'].includes(answer)) return false;
      }
    },
    async choose(question, choices, fallback) {
      for (;;) {
        const answer = (await ask(`${question} (${choices.join('/')})`, fallback)).toLowerCase();
        const match = choices.find((c) => c === answer);
        if (match) return match;
      }
    },
    close: () => rl.close(),
  };
}
