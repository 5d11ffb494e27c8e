#!/usr/bin/env node
import { silenceSqliteWarning } from '../dist/src/util/sqlite-warning.js';

silenceSqliteWarning();

// Every run compiles the same modules: Node's on-disk code cache (its own default directory, or NODE_COMPILE_CACHE;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off) took ~10% off a sync with nothing to do. Node >= 22.1.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();

const { execute } = await import('@oclif/core');
await execute({ dir: import.meta.url });
// Done, stdout flushed by execute() (which exits by itself on errors): waiting for the event loop to drain only let
// V8 finish an idle-time garbage collection, ~10 ms of every no-op sync.
process.exit();
