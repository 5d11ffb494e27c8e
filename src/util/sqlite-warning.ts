/** node:sqlite is still flagged experimental on Node 22: its one ExperimentalWarning is noise for users, others stay. */
export function silenceSqliteWarning(target: NodeJS.Process = process): void {
  const emitWarning = target.emitWarning.bind(target);
  target.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    if (type === 'ExperimentalWarning' && String(warning).includes('SQLite')) return;
    return (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
  }) as NodeJS.Process['emitWarning'];
}
