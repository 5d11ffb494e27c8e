import { Args, Command, Flags } from '@oclif/core';
import { conversationLines } from '../cli/conversation-view.js';
import { matchSessionRef, refHead, shortSessionId } from '../cli/session-ref.js';
import { sessionJson } from '../cli/session-view.js';
import { CodeInsightsError, EXIT } from '../errors.js';
import { noLocalStoreMessage, openConfiguredStore } from '../store/local-store.js';

/** Ids looked at for a short reference (a main session with all its children fits). */
const CANDIDATES = 1000;

export default class Show extends Command {
  static override description = 'Show one stored session: its summary, then its messages in order (from the local store)';

  static override examples = ['<%= config.bin %> show 0d3a8e6f', '<%= config.bin %> show 0d3a8e6f-290f-4105-a327-a2496e5e2a83 --thinking', '<%= config.bin %> show 0d3a8e6f --json'];

  static override args = {
    session: Args.string({ description: 'The session id, or enough of its start to name one session (`sessions` and `search` show ids)', required: true }),
  };

  static override flags = {
    json: Flags.boolean({ description: 'Print one JSON object: the session (as `sessions --json` does), its messages and its child sessions' }),
    thinking: Flags.boolean({ description: "Include Claude's thinking" }),
  };

  public async run(): Promise<void> {
    const { args, flags } = await this.parse(Show);
    try {
      const { config, store } = await openConfiguredStore();
      if (!store) this.error(noLocalStoreMessage(config), { exit: EXIT.USAGE });
      try {
        const candidates = store.sessionIdsStartingWith(refHead(args.session), CANDIDATES);
        const match = matchSessionRef(args.session, candidates);
        if ('none' in match) {
          this.error(`No session id starts with "${args.session}"`, { exit: EXIT.USAGE, suggestions: ["'code-insights sessions --all' lists them"] });
        }
        if ('ambiguous' in match) {
          this.error(`"${args.session}" is the start of ${match.ambiguous.length} session ids`, {
            exit: EXIT.USAGE,
            suggestions: [`Give more of the id: ${match.ambiguous.slice(0, 3).map(shortSessionId).join(', ')}`],
          });
        }
        const { id } = match;
        const session = store.getSession(id);
        if (!session) this.error(`Session ${id} is gone from the store`, { exit: EXIT.USAGE });
        const messages = store.listMessages(id);
        const children = store.childSessions(id);
        if (flags.json) {
          this.log(JSON.stringify({ session: sessionJson(session), messages, children: children.map(sessionJson) }, null, 2));
          return;
        }
        for (const line of conversationLines(session, messages, children, { thinking: flags.thinking, width: process.stdout.columns ?? 120 })) this.log(line);
      } finally {
        store.close();
      }
    } catch (error) {
      if (error instanceof CodeInsightsError) this.error(error.message, { exit: error.exitCode, suggestions: error.suggestions });
      throw error;
    }
  }
}
