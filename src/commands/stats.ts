import { Command, Flags } from '@oclif/core';
import { SINCE_DESCRIPTION, sinceFlag } from '../cli/since.js';
import { statsLines } from '../cli/stats-view.js';
import { CodeInsightsError } from '../errors.js';
import { noLocalStoreMessage, openConfiguredStore } from '../store/local-store.js';

export default class Stats extends Command {
  static override description =
    'Totals of the stored sessions (messages, tool calls, tokens, estimated cost) and how they split by project, character, model and week (from the local store)';

  static override examples = ['<%= config.bin %> stats', '<%= config.bin %> stats --since 4w', '<%= config.bin %> stats --project api --since 2025-06-01 --json'];

  static override flags = {
    json: Flags.boolean({ description: 'Print one JSON object with every total and breakdown' }),
    project: Flags.string({ description: 'Only this project (its name or path)' }),
    since: Flags.string({ description: SINCE_DESCRIPTION }),
  };

  public async run(): Promise<void> {
    const { flags } = await this.parse(Stats);
    try {
      const since = sinceFlag(flags.since);
      const { config, store } = await openConfiguredStore();
      if (!store) {
        this.log(noLocalStoreMessage(config));
        return;
      }
      let stats;
      try {
        stats = store.stats({ project: flags.project ?? null, since });
      } finally {
        store.close();
      }
      if (flags.json) {
        this.log(JSON.stringify({ project: flags.project ?? null, since, ...stats }, null, 2));
        return;
      }
      const scope = `${flags.project ? `Project ${flags.project}` : 'All projects'}${since ? ` since ${since.slice(0, 16).replace('T', ' ')} UTC` : ''}`;
      if (stats.sessions + stats.childSessions === 0) {
        this.log(`${scope}: no sessions.`);
        return;
      }
      for (const line of statsLines(stats, scope)) this.log(line);
    } catch (error) {
      if (error instanceof CodeInsightsError) this.error(error.message, { exit: error.exitCode, suggestions: error.suggestions });
      throw error;
    }
  }
}
