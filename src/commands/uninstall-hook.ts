import { Command, Flags } from '@oclif/core';
import { codeInsightsHome } from '../config/paths.js';
import { CodeInsightsError } from '../errors.js';
import { uninstallHook, type UninstallHookResult } from '../hook/install-hook.js';
import { HOOK_SCOPES } from '../hook/settings-paths.js';

/** `code-insights uninstall-hook`: put Claude Code's settings back as they were before install-hook. */
export default class UninstallHook extends Command {
  static override description =
    'Remove the SessionEnd hook that install-hook added (and the empty containers it created), leaving every other setting as it is.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> uninstall-hook', '<%= config.bin %> uninstall-hook --scope local'];
  static override flags = {
    scope: Flags.option({
      default: 'user' as const,
      description: 'user: ~/.claude/settings.json (or $CLAUDE_CONFIG_DIR); project: .claude/settings.json of this repository; local: .claude/settings.local.json',
      options: HOOK_SCOPES,
    })(),
  };

  async run(): Promise<UninstallHookResult> {
    const { flags } = await this.parse(UninstallHook);
    let result: UninstallHookResult;
    try {
      result = uninstallHook({ scope: flags.scope, env: process.env, cwd: process.cwd(), home: codeInsightsHome() });
    } catch (error) {
      if (error instanceof CodeInsightsError) this.error(error.message, { exit: error.exitCode, code: error.code, suggestions: error.suggestions });
      throw error;
    }
    const where = `${result.file} (${result.scope})`;
    this.log(result.removed > 0 ? `Removed the code-insights SessionEnd hook from ${where}.` : `No code-insights SessionEnd hook found in ${where}; nothing changed.`);
    return result;
  }
}
