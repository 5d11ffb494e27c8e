#!/usr/bin/env node
// Every run compiles the same modules: Node's on-disk code cache (its own default directory, or NODE_COMPILE_CACHE;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off) took ~10% off a sync with nothing to do. Node >= 22.1. First, so that it
// covers every module of ours, the one below included.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();

const { silenceSqliteWarning } = await import('../dist/src/util/sqlite-warning.js');
silenceSqliteWarning();

const { execute } = await import('@oclif/core');
// A reader that stops early (`| head`) closes the pipe: end quietly, as Unix tools do. Unhandled, oclif waited for a
// write that never finished and Node exited 13 with an "unsettled top-level await" warning. (oclif itself opens
// process.stdout at load, so listening costs nothing.)
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
await execute({ dir: import.meta.url });
// Done, stdout flushed by execute() (which exits by itself on errors): waiting for the event loop to drain only let
// V8 finish an idle-time garbage collection, ~10 ms of every no-op sync.
process.exit();
