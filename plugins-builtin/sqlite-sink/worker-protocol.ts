/** Messages between the SQLite sink and its worker thread. */
import { SinkError, formatError } from '../../src/errors.js';
import type { TitleUpdate } from '../../src/plugins/types.js';

export type WorkerRequest =
  | { id: number; op: 'open' }
  /** The batch as JSON text: one string crosses threads much faster than a structured clone of many objects. */
  | { id: number; op: 'stage'; json: string }
  | { id: number; op: 'flush' }
  | { id: number; op: 'listSessions'; project: string | null }
  | { id: number; op: 'updateTitles'; updates: ReadonlyArray<TitleUpdate> }
  | { id: number; op: 'close' };

/** A SinkError as it crosses the thread boundary (class instances do not survive structured cloning). */
export interface WireError {
  message: string;
  unavailable: boolean;
  suggestions: string[];
}

export type WorkerReply = { id: number; ok: true; result?: unknown } | { id: number; ok: false; error: WireError };

const PREFIX = /^\[[^\]]+\] /;

/** Flattens any thrown value for the trip back to the main thread. */
export function toWire(error: unknown): WireError {
  if (error instanceof SinkError) {
    return { message: error.message.replace(PREFIX, ''), unavailable: error.exitCode === 3, suggestions: error.suggestions };
  }
  return { message: formatError(error), unavailable: false, suggestions: [] };
}

/** Rebuilds the SinkError on the main thread. */
export function fromWire(sink: string, error: WireError): SinkError {
  return new SinkError(sink, error.message, { unavailable: error.unavailable, suggestions: error.suggestions });
}
