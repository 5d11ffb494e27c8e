/** Splits a hook command line into words as POSIX sh would for the forms install-hook writes (the inverse of shellQuote in hook-command.ts). */

/** The words of `line`, or null for what this splitter does not handle (variables, globs, pipes, an open quote). */
export function shellWords(line: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === ' ' || c === '\t') {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return null;
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let text = '';
      let j = i + 1;
      for (; j < line.length && line.charAt(j) !== '"'; j++) {
        const d = line.charAt(j);
        if (d === '$' || d === '`') return null;
        // Inside double quotes a backslash escapes only these.
        if (d === '\\' && '"\\$`'.includes(line.charAt(j + 1))) j++;
        text += line.charAt(j);
      }
      if (j >= line.length) return null;
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return null;
      word = (word ?? '') + line.charAt(i + 1);
      i++;
    } else if ('$`|&;<>(){}*?[~#'.includes(c)) {
      return null;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** What a hook command runs: `[NAME=value …] <node> <script> args…`. */
export interface CommandTarget {
  env: Record<string, string>;
  program: string;
  script: string | null;
  args: string[];
}

/** Reads a command line into its environment assignments, program, script and arguments; null when it cannot. */
export function commandTarget(line: string): CommandTarget | null {
  const words = shellWords(line.trim());
  if (!words || words.length === 0) return null;
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length; i++) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(words[i] ?? '');
    if (!match) break;
    env[match[1] ?? ''] = match[2] ?? '';
  }
  const program = words[i];
  if (program === undefined) return null;
  return { env, program, script: words[i + 1] ?? null, args: words.slice(i + 2) };
}
