/**
 * Bounds V8's young generation during a long sync. V8 sizes its maximum by the machine's memory (64 MiB
 * semi-spaces from 16 GiB up) and a sync's allocation rate grows it all the way: about a third of the process's
 * memory, for no measurable speed (500 MiB first sync: peak RSS 345 → 270 MB, same wall time, with a 32 MiB cap).
 * Node cannot lower the maximum at run time, but V8 reads the growth factor at every resize: once the cap is
 * reached, growth is switched off.
 */
/** New-space size past which it stops growing (checked now and then, so it may take one more step). */
const CAP_BYTES = 32 * 1024 * 1024;

/**
 * Returns the check to call often during the run (after each transcript: a timer would not fire while the run
 * keeps the thread busy). Once the cap is applied, checks cost nothing.
 */
export function youngGenerationCap(): () => void {
  const v8 = process.getBuiltinModule('node:v8');
  let capped = false;
  return () => {
    if (capped) return;
    const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (space && space.space_size >= CAP_BYTES) {
      v8.setFlagsFromString('--semi-space-growth-factor=1');
      capped = true;
    }
  };
}
