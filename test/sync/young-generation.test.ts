/** The young-generation cap, in a child process of its own (it changes a V8 flag for the whole process). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const capModule = fileURLToPath(new URL('../../build/src/sync/young-generation.js', import.meta.url));

/** Allocates short-lived garbage at a sync's pace, checking the cap as a sync does, and prints the largest new space seen (MiB). */
const script = (cap: boolean) => `
import v8 from 'node:v8';
${cap ? `const { youngGenerationCap } = await import(${JSON.stringify(capModule)}); const check = youngGenerationCap();` : 'const check = () => {};'}
let keep = [];
let largest = 0;
for (let round = 0; round < 400; round++) {
  for (let i = 0; i < 20000; i++) keep.push({ text: 'x'.repeat(40) + i, n: i });
  if (keep.length > 100000) keep = [];
  check();
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  largest = Math.max(largest, space.space_size);
}
console.log(largest / 2 ** 20);
`;

function largestNewSpace(cap: boolean): number {
  // --max-semi-space-size makes the uncapped run grow past the cap on any machine, whatever its memory.
  const result = spawnSync(process.execPath, ['--max-semi-space-size=64', '--input-type=module', '-e', script(cap)], { encoding: 'utf8' });
  if (result.stderr) throw new Error(result.stderr);
  return Number(result.stdout.trim());
}

describe('youngGenerationCap', () => {
  it('stops the new space growing soon after 32 MiB, where it would otherwise grow to its maximum', () => {
    const free = largestNewSpace(false);
    const capped = largestNewSpace(true);
    // Checked between rounds, so one more step may land before it stops: still far below the free run.
    expect(free).toBeGreaterThanOrEqual(96);
    expect(capped).toBeLessThan(64);
  });
});
