/** Pure parts: backoff with jitter, retry policy, batch bounds, document size guard, error classification. */
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { isTransient, toSinkError, type FailureContext } from '../../../plugins-builtin/firestore-sink/classify-error.js';
import { chunkWrites, type WriteOp } from '../../../plugins-builtin/firestore-sink/commit-batches.js';
import { documentSize, fitDocument, MAX_DOCUMENT_BYTES } from '../../../plugins-builtin/firestore-sink/document-size.js';
import { documentId, toFirestoreData } from '../../../plugins-builtin/firestore-sink/layout.js';
import { backoffDelay, RetriesExhausted, withRetry } from '../../../plugins-builtin/firestore-sink/retry.js';
import { EXIT, SinkError } from '../../../src/errors.js';

const grpcError = (code: number, message = `${code} STATUS: details`) => Object.assign(new Error(message), { code });

describe('backoff and retries', () => {
  it('grows exponentially, capped, with full jitter', () => {
    const at = (random: number) => [0, 1, 2, 3, 10].map((retry) => backoffDelay(retry, { baseDelayMs: 100, maxDelayMs: 1000, random: () => random }));
    expect(at(0.999999)).toEqual([100, 200, 400, 800, 1000]);
    expect(at(0)).toEqual([0, 0, 0, 0, 0]);
    expect(at(0.5)).toEqual([50, 100, 200, 400, 500]);
  });

  it('retries transient failures, then gives up with the attempt count', async () => {
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls += 1;
        throw grpcError(14);
      },
      { retries: 3, baseDelayMs: 1, isTransient },
    );
    await expect(failing).rejects.toBeInstanceOf(RetriesExhausted);
    await expect(failing).rejects.toMatchObject({ attempts: 4 });
    expect(calls).toBe(4);
  });

  it('succeeds after transient failures and never retries a permanent one', async () => {
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw grpcError(10);
        return 'ok';
      },
      { retries: 5, baseDelayMs: 1, isTransient },
    );
    expect([value, calls]).toEqual(['ok', 3]);
    let permanent = 0;
    await expect(
      withRetry(
        async () => {
          permanent += 1;
          throw grpcError(7);
        },
        { retries: 5, baseDelayMs: 1, isTransient },
      ),
    ).rejects.toMatchObject({ code: 7 });
    expect(permanent).toBe(1);
  });

  it('stops retrying when the run is aborted', async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = withRetry(
      async () => {
        calls += 1;
        controller.abort();
        throw grpcError(14);
      },
      { retries: 10, baseDelayMs: 60_000, isTransient, signal: controller.signal },
    );
    await expect(run).rejects.toBeInstanceOf(RetriesExhausted);
    expect(calls).toBe(1);
  });
});

describe('classification', () => {
  const ctx: FailureContext = {
    sink: 'firestore',
    projectId: 'acme-prod',
    databaseId: '(default)',
    identity: 'service account sync@acme-prod.iam.gserviceaccount.com',
    emulatorHost: null,
    action: 'probing',
  };

  it('treats UNAVAILABLE, RESOURCE_EXHAUSTED, ABORTED, DEADLINE_EXCEEDED as transient, a rejected grant not', () => {
    expect([14, 8, 10, 4].map((c) => isTransient(grpcError(c)))).toEqual([true, true, true, true]);
    expect([3, 5, 7, 16, 9].map((c) => isTransient(grpcError(c)))).toEqual([false, false, false, false, false]);
    expect(isTransient(grpcError(14, '14 UNAVAILABLE: Getting metadata from plugin failed with error: invalid_grant: Invalid JWT Signature.'))).toBe(false);
  });

  it('says which account lacks which role on PERMISSION_DENIED', () => {
    const error = toSinkError(grpcError(7), ctx);
    expect(error).toBeInstanceOf(SinkError);
    expect(error.exitCode).toBe(EXIT.SINK_UNAVAILABLE);
    expect(error.message).toContain('sync@acme-prod.iam.gserviceaccount.com may not use database "(default)" of Firebase project "acme-prod"');
    expect(error.suggestions.join('\n')).toMatch(/roles\/datastore\.user.*project "acme-prod"/);
  });

  it('says the database must be created on NOT_FOUND', () => {
    const error = toSinkError(grpcError(5), ctx);
    expect(error.message).toContain('does not exist');
    expect(error.suggestions.join('\n')).toContain('Firestore Database → Create database');
  });

  it('says the key was revoked or expired on UNAUTHENTICATED or a rejected token grant, without quoting the SDK', () => {
    for (const error of [grpcError(16), grpcError(14, '14 UNAVAILABLE: Getting metadata from plugin failed with error: invalid_grant: account not found private_key=SECRET')]) {
      const sinkError = toSinkError(error, ctx);
      expect(sinkError.message).toMatch(/rejected the credentials .* revoked, deleted or has expired/);
      expect(sinkError.message).not.toContain('SECRET');
      expect(sinkError.exitCode).toBe(EXIT.SINK_UNAVAILABLE);
    }
  });

  it('reports unreachable servers with the attempt count, and a rejected write as a transcript failure', () => {
    const down = toSinkError(grpcError(14), { ...ctx, emulatorHost: '127.0.0.1:9', attempts: 6, action: 'writing session s' });
    expect(down.message).toBe('[firestore] cannot reach the Firestore emulator at 127.0.0.1:9 (UNAVAILABLE while writing session s, 6 attempts)');
    const invalid = toSinkError(grpcError(3, '3 INVALID_ARGUMENT: Document exceeds the maximum size\nmore'), ctx);
    expect(invalid.exitCode).toBe(EXIT.PARTIAL);
    expect(invalid.message).toContain('(INVALID_ARGUMENT): Document exceeds the maximum size');
  });
});

describe('batch bounds and document size', () => {
  const app = initializeApp({ projectId: 'demo-offline' }, 'offline-refs');
  // References only: nothing here talks to a server.
  const db = getFirestore(app);
  afterAll(() => deleteApp(app));

  const op = (i: number, bytes: number): WriteOp => ({ kind: 'set', ref: db.doc(`sessions/s/messages/m${i}`), data: { text: 'x'.repeat(bytes) } });

  it('cuts batches at the operation count', () => {
    const chunks = chunkWrites(Array.from({ length: 1201 }, (_, i) => op(i, 10)), 500, 4 * 1024 * 1024);
    expect(chunks.map((c) => c.length)).toEqual([500, 500, 201]);
  });

  it('cuts batches at the byte budget, a lone oversized write getting its own batch', () => {
    const chunks = chunkWrites([op(0, 300_000), op(1, 300_000), op(2, 300_000), op(3, 2_000_000), op(4, 10)], 500, 700_000);
    expect(chunks.map((c) => c.length)).toEqual([2, 1, 1, 1]);
    for (const chunk of chunks.filter((c) => c.length > 1)) {
      expect(chunk.reduce((sum, o) => sum + documentSize(o.ref.path, o.kind === 'delete' ? {} : o.data), 0)).toBeLessThanOrEqual(700_000);
    }
  });

  it('fits any document under 1 MiB: long texts first, then long arrays', () => {
    const data: Record<string, unknown> = {
      id: 'keep-me',
      text: 'a'.repeat(2_000_000),
      toolResults: Array.from({ length: 12_000 }, (_, i) => ({ toolUseId: `t${i}`, isError: false, content: 'r'.repeat(60) })),
    };
    const cuts = fitDocument('sessions/s/messages/m', data);
    expect(cuts).toBeGreaterThan(0);
    expect(documentSize('sessions/s/messages/m', data)).toBeLessThan(MAX_DOCUMENT_BYTES);
    expect(data.id).toBe('keep-me');
    expect((data.toolResults as unknown[]).length).toBeLessThan(12_000);
    expect(String(data.text)).toMatch(/truncated \d+ chars\]$/);
    expect(fitDocument('sessions/s/messages/m', { text: 'small' })).toBe(0);
  });

  it('keeps valid ids and hashes ids Firestore forbids', () => {
    expect(documentId('7acd37a8-2745-4b58-a8a9-46164b22ad9e:agent-a2271d1')).toBe('7acd37a8-2745-4b58-a8a9-46164b22ad9e:agent-a2271d1');
    for (const bad of ['a/b', '.', '..', '__x__', '', 'é'.repeat(800)]) {
      expect(documentId(bad)).toMatch(/^~[0-9a-f]{40}$/);
    }
    expect(documentId('a/b')).not.toBe(documentId('a/c'));
  });

  it('makes data Firestore-safe: lone surrogates become U+FFFD, reserved or empty keys are renamed, undefined dropped', () => {
    expect(toFirestoreData({ text: 'cut \ud83d', pair: '🚀', tail: '\ude80x', counts: { '': 1, __init__: 2, ok: 3 }, gone: undefined, list: ['a\udbff'] })).toEqual({
      text: 'cut \ufffd',
      pair: '🚀',
      tail: '\ufffdx',
      counts: { '(empty)': 1, ___init__: 2, ok: 3 },
      list: ['a\ufffd'],
    });
  });
});
