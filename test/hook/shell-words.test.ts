import { describe, expect, it } from 'vitest';
import { commandTarget, shellWords } from '../../src/hook/shell-words.js';
import { hookCommand } from '../../src/hook/hook-command.js';

describe('shellWords / commandTarget', () => {
  it('reads back what hookCommand writes, odd paths included', () => {
    const parts = { node: "/opt/my node/bin/node", binRun: "/home/o'brien/ci/bin/run.js", codeInsightsHome: '/data/$HOME "x"' };
    expect(commandTarget(hookCommand(parts))).toEqual({
      env: { CODE_INSIGHTS_HOME: parts.codeInsightsHome },
      program: parts.node,
      script: parts.binRun,
      args: ['sync', '-q'],
    });
    expect(commandTarget(hookCommand({ node: '/usr/bin/node', binRun: '/x/run.js' }))).toMatchObject({ env: {}, program: '/usr/bin/node' });
  });

  it('handles double quotes and backslashes', () => {
    expect(shellWords(String.raw`a\ b "c \"d\"" e`)).toEqual(['a b', 'c "d"', 'e']);
  });

  it('gives up on what it cannot read without running a shell', () => {
    expect(shellWords('node $BIN sync')).toBeNull();
    expect(shellWords("node 'open")).toBeNull();
    expect(shellWords('a | b')).toBeNull();
    expect(shellWords('"$(id)"')).toBeNull();
    expect(commandTarget('')).toBeNull();
    expect(commandTarget('X=1')).toBeNull();
  });
});
