/** Caps long text on a code-point boundary and says how much was cut, so a reader sees it is not whole. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = Math.max(0, maxChars);
  // Never split a surrogate pair: a lone high surrogate would be invalid UTF-8 downstream.
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… [truncated ${text.length - end} chars]`;
}
