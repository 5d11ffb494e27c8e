/** Caps long text on a code-point boundary and says how much was cut, so a reader sees it is not whole. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = Math.max(0, maxChars);
  // Never split a surrogate pair: a lone high surrogate would be invalid UTF-8 downstream.
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return flatJoin(text.slice(0, end), `… [truncated ${text.length - end} chars]`);
}

/**
 * The parts as one new string. A slice joined with `+` or a template keeps the whole string it was cut from alive
 * (V8 makes it a view): a tool result capped to 8,000 characters held on to all of its original, ~100 KB at times,
 * which the garbage collector then copied around until the batch was written. `join` copies.
 */
export function flatJoin(...parts: string[]): string {
  return parts.join('');
}
