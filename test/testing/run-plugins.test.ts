import { describe, expect, it } from 'vitest';
import { heuristicTitler } from '../../plugins-builtin/heuristic-titler/index.js';
import { ConfigError } from '../../src/errors.js';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import { STAGE_ORDER, z } from '../../src/plugins/public.js';
import { claudeTranscript, runPlugins } from '../../src/testing/index.js';

const one = claudeTranscript({
  cwd: '/nowhere/alpha',
  exchanges: [
    { prompt: 'Fix the flaky login test', reply: 'Done.', tools: [{ name: 'Edit', input: { file_path: '/nowhere/alpha/a.ts' }, result: 'ok' }] },
    { prompt: 'Now run it again', reply: 'Passes.' },
  ],
});

describe('runPlugins', () => {
  it('runs the built-ins and the given plugin, into memory', async () => {
    const shout = definePlugin({
      name: 'shout',
      apply(hooks) {
        hooks.classify.tap({ name: 'shout', stage: 200 }, (batch) => ({ ...batch, session: { ...batch.session, title: batch.session.title?.toUpperCase() ?? null } }));
      },
    });
    const result = await runPlugins({ plugins: [shout], transcripts: [one] });
    expect(result.errors).toEqual([]);
    expect(result.sessions).toHaveLength(1);
    expect(result.sessions[0]?.id).toBe(one.sessionId);
    expect(result.sessions[0]?.humanPromptCount).toBe(2);
    expect(result.sessions[0]?.toolCallCount).toBe(1);
    expect(result.sessions[0]?.title).toBe('FIX THE FLAKY LOGIN TEST');
    expect(result.messages.length).toBeGreaterThan(0);
    expect(result.plugins.map((p) => p.name)).toContain('shout');
  });

  it('passes [plugin, options] through the plugin schema, as config would', async () => {
    const short = await runPlugins({ plugins: [[heuristicTitler(), { maxLength: 16 }]], transcripts: [one] });
    // 16 code points at most, cut on a word boundary.
    expect(short.sessions[0]?.title).toBe('Fix the flaky…');
    const bad = await runPlugins({ plugins: [[heuristicTitler(), { maxLength: 3 }]], transcripts: [one] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ConfigError);
    expect((bad as ConfigError).message).toContain('options.heuristic-titler.maxLength');
  });

  it('reports a throwing plugin with its name and hook, and keeps the other transcripts', async () => {
    const two = claudeTranscript({ cwd: '/nowhere/beta', exchanges: [{ prompt: 'Explain the cache layer', reply: 'It is LRU.' }] });
    const picky = definePlugin({
      name: 'picky-enricher',
      apply(hooks) {
        hooks.enrich.tap('picky-enricher', (batch) => {
          if (batch.cwd === '/nowhere/beta') throw new Error('no beta');
          return batch;
        });
      },
    });
    const result = await runPlugins({ plugins: [picky], transcripts: [one, two] });
    expect(result.sessions.map((s) => s.id)).toEqual([one.sessionId]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ plugin: 'picky-enricher', hook: 'enrich', message: '[picky-enricher] enrich failed: no beta' });
    expect(result.errors[0]?.path).toContain(two.sessionId);
  });
});

describe('the example in docs/plugins.md', () => {
  it('works as written', async () => {
    const optionsSchema = z.object({ prefix: z.string().default('') }).strict();
    const prefixTitles = definePlugin({
      name: 'prefix-titles',
      optionsSchema,
      apply(hooks, context) {
        hooks.classify.tap({ name: 'prefix-titles', stage: STAGE_ORDER.POST + 1 }, (batch) => ({
          ...batch,
          session: { ...batch.session, title: context.options.prefix + batch.session.title },
        }));
      },
    });
    const transcript = claudeTranscript({ cwd: '/work/shop', exchanges: [{ prompt: 'Why does checkout time out?', reply: 'No timeout on the payment call.' }] });
    const result = await runPlugins({ plugins: [[prefixTitles, { prefix: '» ' }]], transcripts: [transcript] });
    expect(result.errors).toEqual([]);
    expect(result.sessions[0]?.title).toBe('» Why does checkout time out?');
  });
});
