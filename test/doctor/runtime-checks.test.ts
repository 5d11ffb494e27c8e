import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkRuntime, isAtLeast, MIN_NODE } from '../../src/doctor/runtime-checks.js';
import { REPO_ROOT } from '../helpers/tmp-home.js';

const loads = async () => ({});

describe('runtime checks', () => {
  it('MIN_NODE is the package.json engines floor', () => {
    const engines = z.object({ engines: z.object({ node: z.string() }) }).parse(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'))).engines.node;
    expect(engines).toMatch(/^>=\d+\.\d+(\.\d+)?$/);
    const floor = engines.slice(2).split('.');
    expect(MIN_NODE.split('.').slice(0, floor.length)).toEqual(floor);
  });

  it('compares versions numerically', () => {
    expect(isAtLeast('22.18.0', '22.18.0')).toBe(true);
    expect(isAtLeast('22.9.0', '22.18.0')).toBe(false);
    expect(isAtLeast('22.17.9', '22.18.0')).toBe(false);
    expect(isAtLeast('23.0.0', '22.18.0')).toBe(true);
    expect(isAtLeast('24.21.0-pre', '22.18.0')).toBe(true);
  });

  it('passes on this Node (the pinned one) with node:sqlite', async () => {
    const checks = await checkRuntime();
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['runtime.node', 'ok'],
      ['runtime.sqlite', 'ok'],
    ]);
  });

  it('fails an old Node, with the fix', async () => {
    const [node] = await checkRuntime({ nodeVersion: 'v20.20.2', loadSqlite: loads });
    expect(node).toMatchObject({ status: 'fail', message: expect.stringContaining('20.20.2 is too old'), fix: expect.stringContaining('Install Node 22.18') });
  });

  it('fails when node:sqlite does not load, naming the reason', async () => {
    const failing = async () => {
      throw new Error('No such built-in module: node:sqlite');
    };
    const [, sqlite] = await checkRuntime({ nodeVersion: '22.18.0', loadSqlite: failing });
    expect(sqlite).toMatchObject({ status: 'fail', message: expect.stringContaining('No such built-in module'), fix: expect.any(String) });
  });
});
