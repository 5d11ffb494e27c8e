import { Command, Flags } from '@oclif/core';
import { codeInsightsHome } from '../config/paths.js';
import { CodeInsightsError } from '../errors.js';
import { installHook, type InstallHookResult } from '../hook/install-hook.js';
import { HOOK_SCOPES } from '../hook/settings-paths.js';

/** `code-insights install-hook`: sync every Claude Code session when it ends. */
export default class InstallHook extends Command {
  static override description =
    'Add a SessionEnd hook to Claude Code settings that runs `code-insights sync -q`, so every session is stored when it ends. Other settings are kept; a backup is written first; running it twice adds nothing.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> install-hook', '<%= config.bin %> install-hook --scope project'];
  static override flags = {
    scope: Flags.option({
      default: 'user' as const,
      description: 'user: ~/.claude/settings.json (or $CLAUDE_CONFIG_DIR); project: .claude/settings.json of this repository; local: .claude/settings.local.json',
      options: HOOK_SCOPES,
    })(),
  };

  async run(): Promise<InstallHookResult> {
    const { flags } = await this.parse(InstallHook);
    let result: InstallHookResult;
    try {
      result = installHook({ scope: flags.scope, env: process.env, cwd: process.cwd(), home: codeInsightsHome() });
    } catch (error) {
      if (error instanceof CodeInsightsError) this.error(error.message, { exit: error.exitCode, code: error.code, suggestions: error.suggestions });
      throw error;
    }
    const where = `${result.file} (${result.scope})`;
    if (result.action === 'present') this.log(`The code-insights SessionEnd hook is already installed in ${where}; nothing changed.`);
    else if (result.action === 'updated') this.log(`Updated the code-insights SessionEnd hook command in ${where}.`);
    else this.log(`Installed the code-insights SessionEnd hook in ${where}.`);
    return result;
  }
}
