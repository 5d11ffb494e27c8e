/** Built-in Firestore sink: sessions of every device in one Firebase project. Loaded only when `sink` names it. Wiring only. */
import { definePlugin } from '../../src/plugins/define-plugin.js';
import type { SyncPlugin } from '../../src/plugins/types.js';
import { createFirestoreSink } from './firestore-sink.js';
import { firestoreSinkOptions, type FirestoreSinkOptions } from './options.js';

export const PLUGIN_NAME = 'firestore-sink';

/** The firestore-sink plugin; options from config (passed in the context) override the ones given here. */
export function firestoreSink(options: FirestoreSinkOptions = {}): SyncPlugin<FirestoreSinkOptions> {
  const defaults = firestoreSinkOptions.parse(options);
  return definePlugin<FirestoreSinkOptions>({
    name: PLUGIN_NAME,
    provides: 'sink:firestore',
    optionsSchema: firestoreSinkOptions,
    apply(hooks, context) {
      const configured = { ...defaults, ...context.options };
      hooks.upload.tap(PLUGIN_NAME, (sinks, run) => [
        ...sinks,
        createFirestoreSink(configured, { logger: run.logger, signal: run.signal, baseDir: context.stateDir }),
      ]);
    },
  });
}

export { firestoreSinkOptions as optionsSchema, type FirestoreSinkOptions } from './options.js';
export { createFirestoreSink, SINK_NAME, type StagingSink } from './firestore-sink.js';
