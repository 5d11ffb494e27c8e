/**
 * Firestore's storage-size rules (https://firebase.google.com/docs/firestore/storage-size), to keep every document
 * under the 1 MiB limit and every commit under the request limit. Estimates err on the large side.
 */
import { capText } from '../../src/records/cap-text.js';

/** Firestore's hard limit on one document. */
export const MAX_DOCUMENT_BYTES = 1_048_576;
/** What we allow ourselves: the estimate ignores index entries, so keep a margin. */
export const DOCUMENT_BUDGET_BYTES = 1_000_000;

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Size of a document name (`projects/p/databases/d/documents/...` counts only the path segments). */
export function documentNameSize(documentPath: string): number {
  return documentPath.split('/').reduce((sum, segment) => sum + utf8(segment) + 1, 16);
}

/** Size of one field value. Sentinels (increments, server timestamps) count as a number. */
export function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'number' || typeof value === 'bigint') return 8;
  if (typeof value === 'string') return utf8(value) + 1;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + valueSize(item), 0);
  if (isPlainObject(value)) {
    let sum = 0;
    for (const [key, item] of Object.entries(value)) sum += utf8(key) + 1 + valueSize(item);
    return sum;
  }
  return 8;
}

/** Estimated stored size of a document at `documentPath` with `data`. */
export function documentSize(documentPath: string, data: Record<string, unknown>): number {
  return documentNameSize(documentPath) + valueSize(data) + 32;
}

/** A string leaf somewhere in a document, with a way to replace it. */
interface Leaf {
  length: number;
  set(next: string): void;
  text: string;
}

/** Fields that identify a record: never shortened (they are short anyway). */
const IDENTITY_KEYS = new Set(['id', 'sessionId', 'parentId', 'toolUseId', 'projectId', 'parentSessionId']);
/** Strings are not cut below this many characters; arrays are shortened after that. */
const MIN_CHARS = 64;

/**
 * Shrinks `data` in place until its document fits `budget`: halves the longest text (code-point safe, with the
 * visible truncation marker) and, when only short strings are left, halves the longest array.
 * Returns how many cuts were made (0 when it already fit).
 */
export function fitDocument(documentPath: string, data: Record<string, unknown>, budget = DOCUMENT_BUDGET_BYTES): number {
  let cuts = 0;
  let size = documentSize(documentPath, data);
  while (size > budget) {
    const leaf = longestLeaf(data);
    if (leaf && leaf.length > MIN_CHARS * 2) {
      leaf.set(capText(leaf.text, Math.max(MIN_CHARS, Math.floor(leaf.length / 2))));
    } else if (!halveLongestArray(data)) {
      break;
    }
    cuts += 1;
    size = documentSize(documentPath, data);
  }
  return cuts;
}

function longestLeaf(root: Record<string, unknown>): Leaf | null {
  const leaves: Leaf[] = [];
  const visit = (container: Record<string, unknown> | unknown[], key: string | number, value: unknown) => {
    if (typeof value === 'string') {
      if (typeof key === 'string' && IDENTITY_KEYS.has(key)) return;
      leaves.push({
        length: value.length,
        text: value,
        set: (next) => {
          if (Array.isArray(container)) container[Number(key)] = next;
          else container[String(key)] = next;
        },
      });
      return;
    }
    if (Array.isArray(value)) value.forEach((item, index) => visit(value, index, item));
    else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) visit(value, k, v);
  };
  for (const [key, value] of Object.entries(root)) visit(root, key, value);
  return leaves.reduce<Leaf | null>((best, leaf) => (best === null || leaf.length > best.length ? leaf : best), null);
}

function halveLongestArray(root: Record<string, unknown>): boolean {
  const arrays: unknown[][] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      arrays.push(value);
      value.forEach(visit);
    } else if (isPlainObject(value)) {
      Object.values(value).forEach(visit);
    }
  };
  visit(root);
  const longest = arrays.reduce<unknown[] | null>((best, a) => (best === null || a.length > best.length ? a : best), null);
  if (longest === null || longest.length < 2) return false;
  longest.length = Math.floor(longest.length / 2);
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
