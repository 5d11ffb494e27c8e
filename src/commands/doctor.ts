import { Command, Flags } from '@oclif/core';
import { codeInsightsHome } from '../config/paths.js';
import { renderDoctor } from '../doctor/render-doctor.js';
import { runDoctor } from '../doctor/run-doctor.js';
import { EXIT } from '../errors.js';
import { collectInstalledPlugins } from '../plugins/installed-plugins.js';

export default class Doctor extends Command {
  static override summary = 'Check the setup and say how to fix what is wrong';

  static override description =
    'Checks Node, the config, the state directory, the local store, the Claude Code roots, the hook, the Firestore settings and the plugins. Read-only and offline. Exit 0 when no check failed (warnings allowed), 1 when one did.';

  static override examples = ['<%= config.bin %> doctor', '<%= config.bin %> doctor --json'];

  static override flags = {
    json: Flags.boolean({ description: 'Print {"checks":[{id,group,status,message,fix?}],"ok"} instead of lines' }),
  };

  public async run(): Promise<void> {
    const { flags } = await this.parse(Doctor);
    const home = codeInsightsHome();
    const cwd = process.cwd();
    const report = await runDoctor({
      cwd,
      home,
      env: process.env,
      collectInstalled: () => collectInstalledPlugins(this.config, { cwd, home }),
    });
    if (flags.json) {
      this.log(JSON.stringify(report, null, 2));
    } else {
      const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
      for (const line of renderDoctor(report, { color })) this.log(line);
    }
    // Warnings leave the exit code at 0; any failed check makes it 1.
    if (!report.ok) this.exit(EXIT.PARTIAL);
  }
}
