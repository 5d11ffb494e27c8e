/** Small hand-written transcripts under a temp CLAUDE_CONFIG_DIR, for command tests whose every value is known. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TmpHome } from './tmp-home.js';

/** An assistant answer: its text, and optionally one tool call. */
export interface Answer {
  text: string;
  tool?: { name: string; input: Record<string, unknown> };
}

/**
 * A main transcript of `cwd` (or, with `agentId`, a subagent transcript of session `id`): a prompt at 10:00:00, then
 * an assistant answer at 10:00:05.
 */
export function writeSession(tmp: TmpHome, id: string, cwd: string, prompt: string, answer: string | Answer, options: { agentId?: string } = {}): string {
  const { text, tool } = typeof answer === 'string' ? { text: answer, tool: undefined } : answer;
  const projectDir = path.join(tmp.claudeDir, 'projects', cwd.replaceAll('/', '-'));
  const file = options.agentId ? path.join(projectDir, id, 'subagents', `agent-${options.agentId}.jsonl`) : path.join(projectDir, `${id}.jsonl`);
  mkdirSync(path.dirname(file), { recursive: true });
  const prefix = options.agentId ?? id;
  const base = { sessionId: id, cwd, version: '2.1.0', gitBranch: 'main', isSidechain: options.agentId !== undefined, userType: 'external', ...(options.agentId ? { agentId: options.agentId } : {}) };
  const content: object[] = [{ type: 'text', text }];
  if (tool) content.push({ type: 'tool_use', id: `${prefix}-tool1`, name: tool.name, input: tool.input });
  const lines = [
    { ...base, type: 'user', uuid: `${prefix}-u1`, parentUuid: null, timestamp: '2025-06-01T10:00:00.000Z', message: { role: 'user', content: prompt } },
    {
      ...base,
      type: 'assistant',
      uuid: `${prefix}-a1`,
      parentUuid: `${prefix}-u1`,
      requestId: `${prefix}-r1`,
      timestamp: '2025-06-01T10:00:05.000Z',
      message: { id: `${prefix}-msg1`, role: 'assistant', model: 'claude-sonnet-4-5', content, usage: { input_tokens: 1, output_tokens: 1 } },
    },
  ];
  writeFileSync(file, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  return file;
}
