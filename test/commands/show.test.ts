/** `show` (and the ids `sessions` prints for it) through the built CLI, over transcripts written here. */
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { makeTmpHome } from '../helpers/tmp-home.js';
import { writeSession } from '../helpers/write-transcript.js';

const MAIN = '5e1f0c2a-1111-4000-8000-000000000001';
const NEIGHBOUR = '5e1f9999-2222-4000-8000-000000000002';

interface Shown {
  session: { id: string; kind: string; title: string; messageCount: number };
  messages: Array<{ id: string; role: string; kind: string; text: string; toolCalls: Array<{ name: string }> }>;
  children: Array<{ id: string; kind: string; parentSessionId: string }>;
}

describe('code-insights show', () => {
  it('prints a session found by the short id `sessions` lists (from --since on, if asked), its children, and the same as JSON', () => {
    using tmp = makeTmpHome();
    writeSession(tmp, MAIN, '/work/alpha', 'Why does the parser crash?', { text: 'Reading it now.', tool: { name: 'Read', input: { file_path: '/work/alpha/parse.ts' } } });
    writeSession(tmp, MAIN, '/work/alpha', 'Find every caller of parse', 'Three callers.', { agentId: 'a77' });
    writeSession(tmp, NEIGHBOUR, '/work/alpha', 'Unrelated question', 'Unrelated answer.');
    expect(runCli(['sync', '-q'], { env: tmp.env }).status).toBe(0);

    const listed = runCli(['sessions', '--all'], { env: tmp.env }).stdout.split('\n');
    expect(listed[0]).toMatch(/^id +started +character +project +msgs +title$/);
    expect(listed.filter((line) => line.startsWith('5e1f')).map((line) => line.split(/\s+/)[0]).sort()).toEqual(['5e1f0c2a', '5e1f0c2a:agent-a77', '5e1f9999']);

    const ids = (args: string[]) => runCliJson<Array<{ id: string }>>(['sessions', '--json', ...args], { env: tmp.env }).map((s) => s.id).sort();
    expect(ids(['--all', '--since', '2025-06-01T10:00:00Z'])).toEqual([MAIN, `${MAIN}:agent-a77`, NEIGHBOUR]);
    expect(ids(['--since', '2025-06-01T10:00:01Z'])).toEqual([]);
    expect(runCli(['sessions', '--since', 'soon'], { env: tmp.env })).toMatchObject({ status: 2, stderr: expect.stringContaining('--since soon names no time') });

    const shown = runCli(['show', '5e1f0c2a'], { env: tmp.env });
    expect(shown.status).toBe(0);
    expect(shown.stdout.split('\n')).toEqual([
      'Why does the parser crash?',
      expect.stringMatching(/^alpha · .+ · 2025-06-01 10:00 → 10:00 · 2 messages/),
      `id ${MAIN}`,
      '  ↳ subagent 5e1f0c2a:agent-a77  Find every caller of parse',
      '',
      '[10:00:00] you',
      '  Why does the parser crash?',
      '[10:00:05] claude (claude-sonnet-4-5)',
      '  Reading it now.',
      '  → Read /work/alpha/parse.ts',
      '',
    ]);

    const child = runCli(['show', '5e1f0c2a:agent-a77'], { env: tmp.env });
    expect(child.stdout).toContain(`subagent of session ${MAIN}`);
    expect(child.stdout).toContain('  Three callers.');

    const json = runCliJson<Shown>(['show', MAIN, '--json'], { env: tmp.env });
    expect(json.session).toMatchObject({ id: MAIN, kind: 'main', messageCount: 2 });
    expect(json.messages.map((m) => [m.role, m.kind, m.text, m.toolCalls.map((c) => c.name)])).toEqual([
      ['user', 'human_prompt', 'Why does the parser crash?', []],
      ['assistant', 'assistant', 'Reading it now.', ['Read']],
    ]);
    expect(json.children).toEqual([expect.objectContaining({ id: `${MAIN}:agent-a77`, kind: 'subagent', parentSessionId: MAIN })]);
  });

  it('refuses an id that names no session or several, with exit 2 and what to do', () => {
    using tmp = makeTmpHome();
    expect(runCli(['show', 'abc'], { env: tmp.env })).toMatchObject({ status: 2, stderr: expect.stringContaining("Nothing stored yet: run 'code-insights sync' first.") });
    writeSession(tmp, MAIN, '/work/alpha', 'One', 'Two');
    writeSession(tmp, NEIGHBOUR, '/work/alpha', 'Three', 'Four');
    expect(runCli(['sync', '-q'], { env: tmp.env }).status).toBe(0);

    const ambiguous = runCli(['show', '5e1f'], { env: tmp.env });
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toContain('"5e1f" is the start of 2 session ids');
    expect(ambiguous.stderr).toContain('5e1f0c2a, 5e1f9999');
    const none = runCli(['show', 'ffff'], { env: tmp.env });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('No session id starts with "ffff"');
    expect(runCli(['show'], { env: tmp.env }).status).toBe(2);
  });
});
