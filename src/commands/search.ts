import { Command, Flags } from '@oclif/core';
import { count } from '../cli/count.js';
import { hitJson, hitLines } from '../cli/search-view.js';
import { CodeInsightsError, EXIT } from '../errors.js';
import { noLocalStoreMessage, openConfiguredStore } from '../store/local-store.js';

export default class Search extends Command {
  static override description = 'Search the text and thinking of every stored message (the local store), best match first';

  static override examples = [
    '<%= config.bin %> search flaky login',
    '<%= config.bin %> search "connection pool*" --project api',
    '<%= config.bin %> search migration --json --limit 100',
  ];

  // The words of the query, unquoted: `search flaky login` looks for both words.
  static override strict = false;

  static override usage = 'search WORDS... [--project <value>] [--limit <value>] [--json]';

  static override flags = {
    json: Flags.boolean({ description: 'Print a JSON array of hits' }),
    limit: Flags.integer({ description: 'Show at most this many hits', default: 20, min: 1 }),
    project: Flags.string({ description: 'Only this project (its name or path)' }),
  };

  public async run(): Promise<void> {
    const { argv, flags } = await this.parse(Search);
    const query = argv.map(String).join(' ');
    if (query.replace(/[\s*]/gu, '') === '') {
      this.error('Nothing to search for', { exit: EXIT.USAGE, suggestions: ['Give one or more words: code-insights search flaky login'] });
    }
    try {
      const { config, store } = await openConfiguredStore();
      const hits = store ? store.searchMessages(query, flags.limit, { project: flags.project ?? null }) : [];
      store?.close();
      if (flags.json) {
        this.log(JSON.stringify(hits.map(hitJson), null, 2));
        return;
      }
      if (!store) {
        this.log(noLocalStoreMessage(config));
        return;
      }
      if (hits.length === 0) {
        this.log(`No message contains ${quoteWords(query)}${flags.project ? ` in project ${flags.project}` : ''}.`);
        return;
      }
      const more = hits.length === flags.limit ? ' (the best; --limit shows more)' : '';
      this.log(`${count(hits.length, 'message')} with ${quoteWords(query)}${more}:`);
      this.log('');
      for (const line of hitLines(hits)) this.log(line);
    } catch (error) {
      if (error instanceof CodeInsightsError) this.error(error.message, { exit: error.exitCode, suggestions: error.suggestions });
      throw error;
    }
  }
}

function quoteWords(query: string): string {
  return query
    .split(/\s+/u)
    .filter((word) => word !== '')
    .map((word) => `"${word}"`)
    .join(' and ');
}
