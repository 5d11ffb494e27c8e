/**
 * A sync without plugin options loads no zod (importing it costs ~50 ms of every small sync, the hook's included):
 * a first sync and a growth sync through the built CLI, in processes whose module hook refuses any zod module.
 */
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

const HOOK = `
import module from 'node:module';
import { isMainThread } from 'node:worker_threads';
module.registerHooks({
  load(url, context, next) {
    if (url.includes('/node_modules/zod/')) throw new Error(\`zod loaded (\${isMainThread ? 'main' : 'worker'} thread): \${url}\`);
    return next(url, context);
  },
});
`;

describe('sync without zod', () => {
  it('a first sync and a growth sync with no plugin options load no zod module', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    const hook = path.join(tmp.root, 'no-zod.mjs');
    writeFileSync(hook, HOOK);
    const env = { ...tmp.env, NODE_OPTIONS: `--import ${pathToFileURL(hook).href}` };
    expect(runCli(['sync', '-q'], { env })).toMatchObject({ status: 0, stderr: '' });

    const dir = readdirSync(tmp.claudeDir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.jsonl') && !f.includes('agent-'));
    appendFileSync(path.join(tmp.claudeDir, dir as string), `${JSON.stringify({ type: 'user', uuid: 'no-zod-1', timestamp: '2025-01-01T00:00:00Z', message: { role: 'user', content: 'and one more thing' } })}\n`);
    expect(runCli(['sync', '-q'], { env })).toMatchObject({ status: 0, stderr: '' });

    // The hook does refuse zod: a command that reads the store with its zod row schemas fails under it.
    expect(runCli(['sessions', '--json'], { env }).stderr).toMatch(/zod loaded/);
    expect(runCliJson<unknown[]>(['sessions', '--json'], { env: tmp.env }).length).toBeGreaterThan(0);
  });
});
