/** A reader that stops early (`code-insights status | head -1`): the command ends quietly with exit 0. */
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

it('stdout closed before the command writes: exit 0, nothing on stderr', async () => {
  using tmp = makeTmpHome({ copyRealFixtures: true });
  const child = spawn(process.execPath, [BIN, 'status'], { env: tmp.env, cwd: tmp.root, stdio: ['ignore', 'pipe', 'pipe'] });
  // Closed at once: status writes only after it has looked at everything, so its first write meets a closed pipe.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).toBe('');
  expect(code).toBe(0);
});
