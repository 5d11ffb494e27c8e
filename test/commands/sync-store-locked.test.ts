/** The local store held locked by another program: sync waits the busy timeout, then says so and writes nothing. */
import { appendFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

it('a store locked by another program: exit 3, a clear error, nothing written, the next sync catches up', () => {
  using tmp = makeTmpHome({ copyRealFixtures: true });
  expect(runCli(['sync', '-q'], { env: tmp.env }).status).toBe(0);
  const dir = path.join(tmp.claudeDir, 'projects', '-experiments-ideas');
  const transcript = path.join(dir, readdirSync(dir).find((name) => name.endsWith('.jsonl')) ?? '');
  appendFileSync(transcript, `${JSON.stringify({ type: 'user', uuid: 'locked-1', timestamp: '2025-01-01T00:00:00Z', message: { role: 'user', content: 'one more' } })}\n`);

  const holder = new DatabaseSync(path.join(tmp.ciHome, 'data.db'));
  holder.exec('BEGIN IMMEDIATE');
  let locked: ReturnType<typeof runCli>;
  try {
    locked = runCli(['sync'], { env: tmp.env });
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
  expect(locked.status).toBe(3);
  expect(locked.stdout.trim()).toBe('Nothing was written: 1 changed transcript left for the next sync.');
  expect(locked.stderr).toContain(`${path.join(tmp.ciHome, 'data.db')} is locked by another program (waited 5 s for it)`);

  const next = runCli(['sync'], { env: tmp.env });
  expect(next.status).toBe(0);
  expect(next.stdout).toMatch(/Synced 1 of 1 changed transcript .*1 message/);
});
