import { Command, Flags } from '@oclif/core';

/**
 * `plugins` (alias `plugins list`): the installed packages, as @oclif/plugin-plugins lists them, then the pipeline
 * plugins active in this directory. Replaces that plugin's own `plugins` command (the CLI's commands win).
 */
export default class Plugins extends Command {
  static override aliases = ['plugins:list'];

  static override description = 'List installed plugin packages and the pipeline plugins active in this directory (name, role, origin)';

  static override enableJsonFlag = true;

  static override examples = ['<%= config.bin %> plugins', '<%= config.bin %> plugins --json'];

  static override flags = {
    core: Flags.boolean({ description: 'Show core plugins.' }),
  };

  public async run(): Promise<{ packages: unknown; pipeline: unknown }> {
    await this.parse(Plugins);
    // Loaded here, not at the top: without a manifest oclif imports every command file at start-up.
    const [{ commands }, { listActivePlugins }, { codeInsightsHome }, { CodeInsightsError }] = await Promise.all([
      import('@oclif/plugin-plugins'),
      import('../../plugins/active-plugins.js'),
      import('../../config/paths.js'),
      import('../../errors.js'),
    ]);
    // The stock listing (it prints unless --json), then ours.
    const packages: unknown = await new commands.plugins(this.argv, this.config).run();
    try {
      const pipeline = await listActivePlugins({ config: this.config, cwd: process.cwd(), home: codeInsightsHome() });
      if (!this.jsonEnabled()) {
        this.log(`\nPipeline plugins active in ${process.cwd()}:`);
        const width = Math.max(...pipeline.map((p) => p.name.length));
        const roleWidth = Math.max(...pipeline.map((p) => (p.provides ?? '-').length));
        for (const p of pipeline) this.log(`  ${p.name.padEnd(width)}  ${(p.provides ?? '-').padEnd(roleWidth)}  ${p.origin}`);
      }
      return { packages, pipeline };
    } catch (error) {
      if (error instanceof CodeInsightsError) this.error(error.message, { exit: error.exitCode, suggestions: error.suggestions });
      throw error;
    }
  }
}
