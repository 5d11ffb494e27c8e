#!/usr/bin/env node
// node:sqlite is still flagged experimental on Node 22; that one warning is noise for users.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'ExperimentalWarning' && String(warning).includes('SQLite')) return;
  return emitWarning(warning, ...rest);
};

const { execute } = await import('@oclif/core');
await execute({ dir: import.meta.url });
