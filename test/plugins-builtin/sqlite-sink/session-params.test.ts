import { describe, expect, it } from 'vitest';
import { SESSION_WRITE_COLUMNS } from '../../../plugins-builtin/sqlite-sink/session-params.js';
import { sessionRowSchema } from '../../../plugins-builtin/sqlite-sink/session-row.js';

describe('session columns', () => {
  // The write half lists its columns by hand so that writing needs no zod; this keeps it in step with the read schema.
  it('sync writes every column the read schema knows, but custom_title, in the same order', () => {
    expect(SESSION_WRITE_COLUMNS).toEqual(Object.keys(sessionRowSchema.shape).filter((c) => c !== 'custom_title'));
  });
});
