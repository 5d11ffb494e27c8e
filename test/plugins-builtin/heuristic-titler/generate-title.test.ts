import { describe, expect, it } from 'vitest';
import { codePointLength } from '../../../plugins-builtin/heuristic-titler/clean-title.js';
import { generateTitle } from '../../../plugins-builtin/heuristic-titler/generate-title.js';
import { titlerOptionsSchema } from '../../../plugins-builtin/heuristic-titler/options.js';
import { makeSession } from '../../helpers/make-session.js';

const options = titlerOptionsSchema.parse({});
const prompts = ['please add a sessions command that lists stored sessions'];

describe('generateTitle precedence', () => {
  it('custom-title > ai-title > summary > prompt > fallback', () => {
    const all = { customTitle: 'Mine', aiTitle: 'AI', summary: 'Sum', prompts };
    expect(generateTitle(makeSession({ digest: all }), options)).toEqual({ title: 'Mine', titleSource: 'custom-title' });
    expect(generateTitle(makeSession({ digest: { ...all, customTitle: null } }), options)).toEqual({ title: 'AI', titleSource: 'ai-title' });
    expect(generateTitle(makeSession({ digest: { ...all, customTitle: null, aiTitle: null } }), options)).toEqual({
      title: 'Sum',
      titleSource: 'summary',
    });
    expect(generateTitle(makeSession({ digest: { prompts } }), options)).toEqual({
      title: 'Add a sessions command that lists stored sessions',
      titleSource: 'prompt',
    });
    expect(generateTitle(makeSession(), options)).toEqual({ title: 'Session in demo', titleSource: 'fallback' });
  });

  it('lets an empty or blank candidate fall through to the next one', () => {
    const session = makeSession({ digest: { customTitle: '   ', aiTitle: '', summary: '\n', prompts: ['ok', 'Fix the cursor commit order'] } });
    expect(generateTitle(session, options)).toEqual({ title: 'Fix the cursor commit order', titleSource: 'prompt' });
  });

  it('keeps Claude Code titles verbatim apart from whitespace', () => {
    const session = makeSession({ digest: { aiTitle: '  Fix `parseLine` — café 🚀\n' } });
    expect(generateTitle(session, options)).toEqual({ title: 'Fix `parseLine` — café 🚀', titleSource: 'ai-title' });
  });

  it('caps every source at maxLength code points', () => {
    const long = 'Investigate why the incremental sync of very large transcripts re-sends messages after a crash mid-run';
    const small = titlerOptionsSchema.parse({ maxLength: 30 });
    for (const digest of [{ customTitle: long }, { aiTitle: long }, { summary: long }, { prompts: [long] }]) {
      const { title } = generateTitle(makeSession({ digest }), small);
      expect(codePointLength(title)).toBeLessThanOrEqual(30);
      expect(title.endsWith('…')).toBe(true);
    }
    const fallback = generateTitle(makeSession({ projectName: 'x'.repeat(60) }), small);
    expect(fallback.titleSource).toBe('fallback');
    expect(codePointLength(fallback.title)).toBeLessThanOrEqual(30);
  });

  it('only looks at the first promptCandidates prompts', () => {
    const digest = { prompts: ['hmm', 'ok', 'Add a doctor command'] };
    expect(generateTitle(makeSession({ digest }), titlerOptionsSchema.parse({ promptCandidates: 2 })).titleSource).toBe('fallback');
    expect(generateTitle(makeSession({ digest }), options).title).toBe('Add a doctor command');
  });

  it('never reads the store-side customTitle', () => {
    const session = makeSession({ customTitle: 'User rename', digest: { prompts } });
    expect(generateTitle(session, options).titleSource).toBe('prompt');
  });
});

describe('fallback titles', () => {
  it('names subagents by their type', () => {
    expect(generateTitle(makeSession({ kind: 'subagent', agentType: 'Explore', agentId: 'a1' }), options).title).toBe('Subagent: Explore');
    expect(generateTitle(makeSession({ kind: 'subagent', agentId: 'a1' }), options).title).toBe('Subagent session');
  });

  it('names compaction transcripts', () => {
    expect(generateTitle(makeSession({ kind: 'compaction' }), options).title).toBe('Context compaction');
  });

  it('adds the most-used tool of a main session (ties by name)', () => {
    const session = makeSession({ digest: { toolCounts: { Read: 3, Bash: 5, Grep: 5 } } });
    expect(generateTitle(session, options).title).toBe('Session in demo (Bash)');
  });

  it('still titles a session with no project name', () => {
    expect(generateTitle(makeSession({ projectName: ' ' }), options).title).toBe('Untitled session');
  });
});
