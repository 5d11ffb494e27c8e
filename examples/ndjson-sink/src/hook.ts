/** The oclif hook an installed code-insights plugin package answers: it returns the package's pipeline plugins. */
import type { SyncPluginsHook } from 'code-insights/plugin';
import { ndjsonSink } from './index.js';

const hook: SyncPluginsHook = async () => [ndjsonSink()];

export default hook;
