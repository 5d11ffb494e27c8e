/** The background hook sync records its own outcome once, with the sync's real exit code and error. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

describe('hook worker bookkeeping', () => {
  it('a worker whose sink is unreachable records exit 3 and the sink error, nothing else', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    mkdirSync(tmp.ciHome, { recursive: true });
    writeFileSync(path.join(tmp.ciHome, 'config.json'), JSON.stringify({ sink: 'firestore', options: { 'firestore-sink': { projectId: 'demo-worker' } } }));
    // Nothing listens on port 1: the probe fails at once.
    const env = { ...tmp.env, FIRESTORE_EMULATOR_HOST: '127.0.0.1:1' };
    const result = runCli(['sync', '-q', '--hook-worker'], { env });
    expect(result.status).toBe(3);
    const state = JSON.parse(readFileSync(path.join(tmp.ciHome, 'hook-state.json'), 'utf8')) as { lastRun: { exitCode: number; error?: string } };
    expect(state.lastRun.exitCode).toBe(3);
    expect(state.lastRun.error).toContain('firestore');
    expect(state.lastRun.error).not.toContain('EEXIT');
  });
});
