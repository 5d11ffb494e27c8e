#!/usr/bin/env node
// node:sqlite is still flagged experimental on Node 22; that one warning is noise for users.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'ExperimentalWarning' && String(warning).includes('SQLite')) return;
  return emitWarning(warning, ...rest);
};

// Every run compiles the same modules: Node's on-disk code cache (its own default directory, or NODE_COMPILE_CACHE;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off) took ~10% off a sync with nothing to do. Node >= 22.1.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();

const { execute } = await import('@oclif/core');
await execute({ dir: import.meta.url });
