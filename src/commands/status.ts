import { Command, Flags } from '@oclif/core';
import { renderStatus } from '../cli/render-status.js';
import { codeInsightsHome } from '../config/paths.js';
import { CodeInsightsError } from '../errors.js';
import { collectInstalledPlugins } from '../plugins/installed-plugins.js';
import { collectStatus } from '../status/collect-status.js';

export default class Status extends Command {
  static override description = 'Show where config, state and store are, what is pending, the last sync and the hook';

  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status --json'];

  static override flags = {
    json: Flags.boolean({ description: 'Print one JSON object' }),
  };

  public async run(): Promise<void> {
    const { flags } = await this.parse(Status);
    try {
      const home = codeInsightsHome();
      const installed = await collectInstalledPlugins(this.config, { cwd: process.cwd(), home });
      const report = await collectStatus({ cwd: process.cwd(), home, env: process.env, installed });
      if (flags.json) this.log(JSON.stringify(report, null, 2));
      else for (const line of renderStatus(report)) this.log(line);
    } catch (error) {
      if (error instanceof CodeInsightsError) this.error(error.message, { exit: error.exitCode, suggestions: error.suggestions });
      throw error;
    }
  }
}
