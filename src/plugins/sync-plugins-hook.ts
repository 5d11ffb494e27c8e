/** The oclif hook through which an installed package contributes pipeline plugins: its name, options and result. */
import type { Hook, Interfaces } from '@oclif/core';
import type { SyncPlugin } from './types.js';

/** The oclif hook event an installed package answers with its pipeline plugins. */
export const SYNC_PLUGINS_HOOK = 'sync:plugins';

/** What the `sync:plugins` hook receives (besides oclif's `config` and `context`). */
export interface SyncPluginsHookOptions {
  /** The directory the command was started in. */
  cwd: string;
  /** `$CODE_INSIGHTS_HOME`. */
  home: string;
}

/** A plugin object, a factory returning one, or a list of them (a factory is called with `{}`). */
export type SyncPluginsHookResult = SyncPlugin<unknown> | SyncPlugin<unknown>[] | (() => SyncPlugin<unknown> | SyncPlugin<unknown>[]);

/** oclif's hook map extended with ours (STACK-NOTES G2: `Hooks` is a type alias, so extend by intersection). */
export type CodeInsightsHooks = Interfaces.Hooks & {
  'sync:plugins': { options: SyncPluginsHookOptions; return: SyncPluginsHookResult };
};

/** The type of a package's `sync:plugins` hook function: `const hook: SyncPluginsHook = async () => [myPlugin()]`. */
export type SyncPluginsHook = Hook<'sync:plugins', CodeInsightsHooks>;
