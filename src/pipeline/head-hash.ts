/**
 * The fingerprint of a transcript's first bytes, which tells a file that grew from one that was replaced. It only has
 * to catch accidents, not attacks, so it is a 64-bit mixing hash in plain JS: SHA-256 (its first version) cost every
 * growth sync ~1.5 ms on 4 KiB in cold code, this ~0.2 ms. Cursors written with SHA-256 are still checked with it.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { sha256Hex } from '../util/sha256.js';

/** Bytes hashed to recognise a file that grew versus one that was replaced. */
export const HEAD_BYTES = 4096;

/** Length of a head written by this version (16 hex); the SHA-256 heads of older cursors have 24. */
const HEAD_HEX = 16;

/** The head fingerprint of the first `bytes` bytes of `file` (fewer if the file is shorter). */
export function hashHead(file: string, bytes: number): string {
  return mixHex(readHead(file, bytes));
}

/** True when `file` still starts with the bytes `cursor` fingerprinted, whichever version wrote it. */
export function headMatches(file: string, cursor: { head: string; headBytes: number }): boolean {
  const head = readHead(file, cursor.headBytes);
  return cursor.head === (cursor.head.length === HEAD_HEX ? mixHex(head) : sha256Hex(head).slice(0, 24));
}

/** True for a head in this version's format (a cursor with an older one gets a new head when it is next written). */
export function isCurrentHead(head: string): boolean {
  return head.length === HEAD_HEX;
}

function readHead(file: string, bytes: number): Uint8Array {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync(file, 'r');
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Two 32-bit lanes, each folding in the bytes four at a time (little-endian words) with a multiply and a rotation,
 * then mixed into each other and through a final avalanche, as 16 hex digits.
 */
export function mixHex(bytes: Uint8Array): string {
  let a = 0x9e3779b9 ^ bytes.length;
  let b = 0x85ebca6b ^ Math.imul(bytes.length, 0xc2b2ae35);
  const whole = bytes.length & ~3;
  for (let i = 0; i < whole; i += 4) {
    const low = (bytes[i] as number) | ((bytes[i + 1] as number) << 8);
    const word = (low | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24)) >>> 0;
    a = Math.imul(rotate(a ^ word, 13), 0x5bd1e995) + 0xe6546b64;
    b = Math.imul(rotate(b + word, 17), 0xcc9e2d51) ^ a;
  }
  for (let i = whole; i < bytes.length; i += 1) {
    a = Math.imul(a ^ (bytes[i] as number), 0x01000193);
    b = Math.imul(b + (bytes[i] as number), 0x1b873593);
  }
  a = avalanche(a ^ Math.imul(b, 0x27d4eb2d));
  b = avalanche(b ^ Math.imul(a, 0x165667b1));
  return hex8(a) + hex8(b);
}

function rotate(x: number, by: number): number {
  return (x << by) | (x >>> (32 - by));
}

/** MurmurHash3's 32-bit finaliser: every input bit flips each output bit with probability about one half. */
function avalanche(x: number): number {
  let h = x;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hex8(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}
