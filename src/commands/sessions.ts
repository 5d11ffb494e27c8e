import { Command, Flags } from '@oclif/core';
import { sessionJson, sessionTable } from '../cli/session-view.js';
import { SINCE_DESCRIPTION, sinceFlag } from '../cli/since.js';
import { CodeInsightsError } from '../errors.js';
import { noLocalStoreMessage, openConfiguredStore } from '../store/local-store.js';

export default class Sessions extends Command {
  static override description = 'List the sessions in the local store, newest first';

  static override examples = ['<%= config.bin %> sessions', '<%= config.bin %> sessions --project my-repo --json', '<%= config.bin %> sessions --all --since 7d'];

  static override flags = {
    all: Flags.boolean({ description: 'Include subagent and compaction transcripts (child sessions)' }),
    json: Flags.boolean({ description: 'Print a JSON array' }),
    limit: Flags.integer({ description: 'Show at most this many (default: all with --json, 50 otherwise)', min: 1 }),
    project: Flags.string({ description: 'Only this project (its name or path)' }),
    since: Flags.string({ description: SINCE_DESCRIPTION }),
  };

  public async run(): Promise<void> {
    const { flags } = await this.parse(Sessions);
    try {
      const since = sinceFlag(flags.since);
      const { config, store } = await openConfiguredStore();
      const all = store ? store.listSessions({ project: flags.project ?? null, includeChildren: flags.all, since }) : [];
      store?.close();
      const sessions = flags.limit || !flags.json ? all.slice(0, flags.limit ?? 50) : all;
      if (flags.json) {
        this.log(JSON.stringify(sessions.map(sessionJson), null, 2));
        return;
      }
      if (sessions.length === 0) {
        this.log(store ? 'No sessions match.' : noLocalStoreMessage(config));
        return;
      }
      for (const line of sessionTable(sessions)) this.log(line);
      if (all.length > sessions.length) this.log(`… ${all.length - sessions.length} more (use --limit or --json)`);
    } catch (error) {
      if (error instanceof CodeInsightsError) this.error(error.message, { exit: error.exitCode, suggestions: error.suggestions });
      throw error;
    }
  }
}
