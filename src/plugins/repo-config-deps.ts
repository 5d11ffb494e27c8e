/** Wires the repo-config built-in to the config module (finding a repository's config) and the redaction plugin. */
import { redactBatch } from '../../plugins-builtin/secret-redaction/index.js';
import type { RepoConfigDeps } from '../../plugins-builtin/repo-config/index.js';
import { createProjectConfigLookup } from '../config/project-config.js';

/** Compiled like the built-in redaction's configured rules: always global. */
function compileRule(rule: { name: string; pattern: string; flags?: string | undefined }) {
  return { name: rule.name, regex: new RegExp(rule.pattern, `${(rule.flags ?? '').replace(/g/g, '')}g`) };
}

export const repoConfigDeps: RepoConfigDeps = {
  createLookup: (run) => createProjectConfigLookup({ runCwd: run.cwd, logger: run.logger }),
  redact: (batch, rules) => redactBatch(batch, rules.map(compileRule)),
};
