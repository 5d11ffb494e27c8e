#!/usr/bin/env node
// Links tsc's output (build/) into the JavaScript that ships and runs (dist/, beside the declarations tsc put there).
// Why: the sync path is ~110 small modules, and Node's ESM loader resolves, stats and reads each one: loading them
// took a 5 MiB growth sync ~25 ms, more than a third of its work besides parsing. Here the modules a sync runs
// become two files: `sync` (what a sync with nothing to do runs: the command, what it imports for itself, and the
// built-in source's discovery) and `sync-full` (what it imports once there is work). Modules that import zod,
// Firestore or worker threads stay out of both: they load only when a run needs them.
//
// Entries keep their paths: the commands (oclif finds them by directory), what package.json's `exports` and
// `imports` name, and the module bin/run.js loads first. Everything else goes to dist/chunks/, so no module may
// locate a file of this package next to itself (`new URL('./x.js', import.meta.url)`): it resolves a specifier
// of the package instead (`import.meta.resolve('code-insights/plugin')`, `#store-worker`).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(repo, 'build');
const to = path.join(repo, 'dist');
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));

/**
 * What a sync loads only when it needs it, so neither sync chunk may import it: packages, and node:worker_threads
 * (~2.5 ms to load; only a big run writes from a thread).
 */
const LAZY_IMPORTS = /^(zod|firebase-admin|@google-cloud\/firestore)(\/|$)|^node:worker_threads$/;
const SYNC_COMMAND = path.join(from, 'src/commands/sync.js');
/** The built-in source: every sync loads it for its discovery (lazily, as a plugin, but always). */
const SOURCE_PLUGIN = path.join(from, 'plugins-builtin/claude-code-source/index.js');

/** dist/ file (package-relative) → its build/ twin, as an entry named by its path without `.js`. */
const entries = {};
const addEntry = (distFile) => {
  const relative = path.relative(to, path.join(repo, distFile));
  entries[relative.replace(/\.js$/, '')] = path.join(from, relative);
};
// From the sources, so that a command deleted since the last build does not come back from a stale build/ file.
const commandsDir = path.relative(to, path.join(repo, pkg.oclif.commands)); // src/commands
for (const file of readdirSync(path.join(repo, commandsDir), { recursive: true })) {
  if (file.endsWith('.ts')) addEntry(path.join('dist', commandsDir, file.replace(/\.ts$/, '.js')));
}
for (const target of Object.values(pkg.exports)) if (typeof target === 'object') addEntry(target.import);
for (const target of Object.values(pkg.imports)) addEntry(target);
addEntry('dist/src/util/sqlite-warning.js'); // bin/run.js, before anything else

/** The two sync groups, from the module graph once it is built (see the top). */
const syncPath = { eager: new Set(), lazy: new Set() };
const syncGroups = {
  name: 'sync-groups',
  buildEnd() {
    const info = (id) => this.getModuleInfo(id);
    // Heavy: imports one of LAZY_IMPORTS, itself or through anything it imports statically.
    const heavy = new Map();
    const isHeavy = (id) => {
      if (LAZY_IMPORTS.test(id)) return true;
      if (heavy.has(id)) return heavy.get(id);
      heavy.set(id, false); // a cycle back here: the other imports decide
      const result = info(id)?.importedIds.some(isHeavy) ?? false;
      heavy.set(id, result);
      return result;
    };
    /** Own, light modules reachable from `starts` (and `starts` themselves), through dynamic imports too if asked. */
    const collect = (starts, withDynamic, into) => {
      const todo = starts.filter((id) => !isHeavy(id));
      const seen = new Set(todo);
      while (todo.length > 0) {
        const module = info(todo.pop());
        if (module === null || module.code === null) continue; // external
        into.add(module.id);
        for (const id of withDynamic ? [...module.importedIds, ...module.dynamicallyImportedIds] : module.importedIds) {
          if (seen.has(id) || isHeavy(id)) continue;
          seen.add(id);
          todo.push(id);
        }
      }
    };
    // The command's own lazy imports (output, progress, the hook's hand-off) are small and most runs need one.
    collect([SYNC_COMMAND, ...(info(SYNC_COMMAND)?.dynamicallyImportedIds ?? []), SOURCE_PLUGIN], false, syncPath.eager);
    collect([SYNC_COMMAND], true, syncPath.lazy);
    for (const id of syncPath.eager) syncPath.lazy.delete(id);
  },
};

/**
 * A module imported lazily but linked into a group chunk gets a "facade" chunk that only re-exports it: one more file
 * to load (~0.45 ms each; a growth sync loaded 12). Points such imports at the group chunk itself instead.
 */
const directDynamicImports = {
  name: 'direct-dynamic-imports',
  generateBundle(_options, bundle) {
    const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
    const facades = new Map(); // file name → the chunk it re-exports and its [exported, local] names
    for (const chunk of chunks) {
      const reexport = /^export \{ ([\w$, ]+) \} from "(\.\/[\w.-]+)";\s*$/.exec(chunk.code);
      if (chunk.isEntry || !reexport) continue;
      const names = reexport[1].split(', ').map((spec) => spec.split(' as '));
      facades.set(chunk.fileName, { target: path.posix.join(path.posix.dirname(chunk.fileName), reexport[2]), names });
    }
    for (const chunk of chunks) {
      const relative = (file) => {
        const to = path.posix.relative(path.posix.dirname(chunk.fileName), file);
        return to.startsWith('.') ? to : `./${to}`;
      };
      for (const [file, { target, names }] of facades) {
        const namespace = names.map(([local, exported = local]) => `${exported}: m.${local}`).join(', ');
        chunk.code = chunk.code.replaceAll(`import("${relative(file)}")`, `import("${relative(target)}").then((m) => ({ ${namespace} }))`);
      }
    }
    for (const file of facades.keys()) {
      if (!chunks.some((chunk) => chunk.code.includes(path.posix.basename(file)))) delete bundle[file];
    }
  },
};

// tsc writes the declarations to dist/ (declarationDir); the JavaScript there is this script's alone.
for (const file of readdirSync(to, { recursive: true })) if (file.endsWith('.js')) rmSync(path.join(to, file));
rmSync(path.join(to, 'chunks'), { recursive: true, force: true });

await build({
  input: entries,
  platform: 'node',
  // Dependencies stay in node_modules: only this package's own modules are linked.
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
  plugins: [syncGroups, directDynamicImports],
  logLevel: 'warn',
  onLog(level, log, report) {
    // A module both imported and loaded lazily elsewhere: the groups decide where it goes, not this.
    if (log.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') report(level, log);
  },
  output: {
    dir: to,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    codeSplitting: {
      groups: [
        { name: 'sync', test: (id) => syncPath.eager.has(id), priority: 2 },
        { name: 'sync-full', test: (id) => syncPath.lazy.has(id), priority: 1 },
      ],
    },
  },
});
