/** Repositories with their own configs, and transcripts of sessions that ran in them, for the per-repo config tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { claudeTranscript, type TranscriptFile } from '../../../src/testing/index.js';

export const LONG_REPLY = 'The parser crashed because TICKET-123 changed the grammar; I rewrote the tokenizer loop and added tests.';

export interface Repos {
  /** alpha/: YAML config (name, redaction rule, limits); alpha/app/: a JS config that excludes and leaves a marker when run. */
  alpha: string;
  alphaApp: string;
  /** Written by alpha/app's JS config when it runs. */
  marker: string;
  /** beta/: JSON config excluding the project. */
  beta: string;
  /** plain/: a repository without config. */
  plain: string;
  /** A directory outside every repository. */
  elsewhere: string;
  transcripts: TranscriptFile[];
  ids: { alphaApp1: string; alphaApp2: string; alphaRoot: string; beta: string; plain: string };
}

export function makeRepos(root: string): Repos {
  const alpha = path.join(root, 'alpha');
  const alphaApp = path.join(alpha, 'app');
  const beta = path.join(root, 'beta');
  const plain = path.join(root, 'plain');
  const elsewhere = path.join(root, 'elsewhere');
  for (const dir of [path.join(alpha, '.git'), alphaApp, path.join(beta, '.git'), path.join(plain, '.git'), elsewhere]) mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(alpha, '.code-insightsrc.yaml'),
    ['project:', '  name: Alpha Display', 'redaction:', '  rules:', '    - name: ticket', '      pattern: "TICKET-[0-9]+"', 'limits:', '  messageText: 40', ''].join('\n'),
  );
  const marker = path.join(alphaApp, 'config-ran.txt');
  writeFileSync(
    path.join(alphaApp, '.code-insightsrc.mjs'),
    `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default { project: { exclude: true } };\n`,
  );
  writeFileSync(path.join(beta, '.code-insightsrc.json'), JSON.stringify({ project: { exclude: true } }));
  const session = (cwd: string, prompt: string) => claudeTranscript({ cwd, exchanges: [{ prompt, reply: LONG_REPLY }] });
  const sessions = {
    alphaApp1: session(alphaApp, 'Fix the parser crash from TICKET-123'),
    alphaApp2: session(alphaApp, 'Add a regression test for the tokenizer'),
    alphaRoot: session(alpha, 'Update the changelog for the parser fix'),
    beta: session(beta, 'Tune the cache size'),
    plain: session(plain, 'Look at TICKET-123 in the plain repo'),
  };
  return {
    alpha,
    alphaApp,
    marker,
    beta,
    plain,
    elsewhere,
    transcripts: Object.values(sessions),
    ids: {
      alphaApp1: sessions.alphaApp1.sessionId,
      alphaApp2: sessions.alphaApp2.sessionId,
      alphaRoot: sessions.alphaRoot.sessionId,
      beta: sessions.beta.sessionId,
      plain: sessions.plain.sessionId,
    },
  };
}
