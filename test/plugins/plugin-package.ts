/** Writes a tiny installable plugin package: an oclif `sync:plugins` hook contributing a classify tap that prefixes titles. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Title prefix the plugin adds unless given `prefix` in its options. */
export const DEFAULT_PREFIX = '[prefixed] ';

/** Creates the package in `dir`; `name` is its npm name, the pipeline plugin is always `prefix-titles`. */
export function writePluginPackage(dir: string, name: string, version = '1.0.0'): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name, version, type: 'module', files: ['hook.js'], oclif: { hooks: { 'sync:plugins': './hook.js' } } }, null, 2)}\n`,
  );
  // Imports code-insights/plugin at run time: the host serves it although it is in no node_modules here.
  writeFileSync(
    path.join(dir, 'hook.js'),
    `import { STAGE_ORDER, definePlugin } from 'code-insights/plugin';

const prefixTitles = definePlugin({
  name: 'prefix-titles',
  apply(hooks, context) {
    const prefix = typeof context.options?.prefix === 'string' ? context.options.prefix : ${JSON.stringify(DEFAULT_PREFIX)};
    // After the classifier (POST), so the title it prefixes is final.
    hooks.classify.tap({ name: 'prefix-titles', stage: STAGE_ORDER.POST + 1 }, (batch) =>
      batch.session.title === null ? batch : { ...batch, session: { ...batch.session, title: prefix + batch.session.title } },
    );
  },
});

export default async function syncPlugins() {
  return [prefixTitles];
}
`,
  );
  return dir;
}
