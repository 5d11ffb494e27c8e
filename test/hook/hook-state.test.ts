import { readFileSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { appendHookLog, HOOK_LOG_MAX_BYTES, hookLogPath } from '../../src/hook/hook-log.js';
import { hookStatePath, readHookState, recordHookRun } from '../../src/hook/hook-state.js';
import { readHookStatus } from '../../src/hook/hook-status.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';

let tmp: TmpHome;
afterEach(() => tmp?.[Symbol.dispose]());

const T = (s: number) => new Date(Date.UTC(2026, 10, 26, 10, 0, s));

describe('recordHookRun', () => {
  it('records the last run and the last failure; failures (only) go to hook.log', () => {
    tmp = makeTmpHome();
    recordHookRun(tmp.ciHome, { startedAt: T(0), finishedAt: T(1), exitCode: 0, transcript: '/a.jsonl' });
    expect(existsSync(hookLogPath(tmp.ciHome))).toBe(false);
    recordHookRun(tmp.ciHome, { startedAt: T(2), finishedAt: T(3), exitCode: 3, transcript: '/b.jsonl', error: '[sqlite] database\nis locked' });
    recordHookRun(tmp.ciHome, { startedAt: T(4), finishedAt: T(5), exitCode: 0, transcript: '/c.jsonl' });
    const state = readHookState(tmp.ciHome);
    expect(state.lastRun).toEqual({ startedAt: T(4).toISOString(), finishedAt: T(5).toISOString(), exitCode: 0, transcript: '/c.jsonl' });
    expect(state.lastFailure).toMatchObject({ exitCode: 3, transcript: '/b.jsonl', error: '[sqlite] database is locked' });
    const log = readFileSync(hookLogPath(tmp.ciHome), 'utf8').split('\n').filter(Boolean);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^\S+Z hook sync failed \(exit 3\) for \/b\.jsonl: \[sqlite\] database is locked$/);
    expect(statSync(hookStatePath(tmp.ciHome)).mode & 0o777).toBe(0o600);
    expect(statSync(hookLogPath(tmp.ciHome)).mode & 0o777).toBe(0o600);
    expect(readHookStatus(tmp.ciHome, tmp.env, tmp.root)).toMatchObject({ lastRun: { transcript: '/c.jsonl' }, lastFailure: { transcript: '/b.jsonl' } });
  });

  it('a run that finished earlier than the recorded one does not replace it', () => {
    tmp = makeTmpHome();
    recordHookRun(tmp.ciHome, { startedAt: T(0), finishedAt: T(9), exitCode: 0, transcript: '/late.jsonl' });
    recordHookRun(tmp.ciHome, { startedAt: T(0), finishedAt: T(5), exitCode: 1, transcript: '/early.jsonl', error: 'x' });
    const state = readHookState(tmp.ciHome);
    expect(state.lastRun?.transcript).toBe('/late.jsonl');
    expect(state.lastFailure?.transcript).toBe('/early.jsonl');
  });

  it('caps a long error to one short line', () => {
    tmp = makeTmpHome();
    recordHookRun(tmp.ciHome, { startedAt: T(0), finishedAt: T(1), exitCode: 1, transcript: null, error: 'e'.repeat(10_000) });
    const error = readHookState(tmp.ciHome).lastFailure?.error ?? '';
    expect(error.length).toBeLessThanOrEqual(501);
    expect(readFileSync(hookLogPath(tmp.ciHome), 'utf8').length).toBeLessThan(700);
  });

  it('a damaged state file is reported, and replaced by the next record rather than crashing it', () => {
    tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { recursive: true });
    writeFileSync(hookStatePath(tmp.ciHome), '{"version": 1, "lastRun": 5');
    expect(readHookState(tmp.ciHome).damaged).toBeTruthy();
    recordHookRun(tmp.ciHome, { startedAt: T(0), finishedAt: T(1), exitCode: 0, transcript: '/a.jsonl' });
    expect(readHookState(tmp.ciHome)).toMatchObject({ lastRun: { transcript: '/a.jsonl' } });
    expect(readHookState(tmp.ciHome).damaged).toBeUndefined();
  });
});

describe('hook.log', () => {
  it('rotates at the cap, so it never grows without bound', () => {
    tmp = makeTmpHome();
    const line = `failure ${'x'.repeat(400)}`;
    for (let i = 0; i < (3 * HOOK_LOG_MAX_BYTES) / 400; i++) appendHookLog(tmp.ciHome, line);
    const size = statSync(hookLogPath(tmp.ciHome)).size;
    const rotated = statSync(`${hookLogPath(tmp.ciHome)}.1`).size;
    expect(size).toBeLessThanOrEqual(HOOK_LOG_MAX_BYTES + 500);
    expect(rotated).toBeLessThanOrEqual(HOOK_LOG_MAX_BYTES + 500);
    expect(rotated).toBeGreaterThanOrEqual(HOOK_LOG_MAX_BYTES);
  });
});
