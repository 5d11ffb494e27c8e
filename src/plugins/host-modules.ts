/**
 * Lets plugin code import `code-insights/plugin` at run time. An installed plugin lives in the CLI's data directory,
 * where code-insights is not in any node_modules; a repo-listed plugin may see another copy. Both get this one,
 * so `STAGE_ORDER`, `definePlugin` and the error classes are the host's own.
 */
import { registerHooks } from 'node:module';

/** Bare specifiers served from this package, whoever imports them (resolved through its own `exports`). */
const HOST_SPECIFIERS = ['code-insights/plugin'];

let registered = false;

/** Registers the resolve hook once per process; cheap, and a no-op after the first call. */
export function exposeHostModules(): void {
  if (registered) return;
  registered = true;
  // A self-reference, not a path next to this file: the build links this module into a chunk elsewhere.
  const hosted = new Map(HOST_SPECIFIERS.map((specifier) => [specifier, import.meta.resolve(specifier)]));
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const url = hosted.get(specifier);
      return url ? { url, format: 'module', shortCircuit: true } : nextResolve(specifier, context);
    },
  });
}
