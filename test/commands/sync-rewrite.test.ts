/** A transcript rewritten in place (shorter, other content) is re-read whole and replaces what the store held. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../plugins-builtin/sqlite-sink/index.js';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

const REL = 'projects/-Users-dain-workspace-JSSoundRecorder/7acd37a8-2745-4b58-a8a9-46164b22ad9e.jsonl';
const ID = '7acd37a8-2745-4b58-a8a9-46164b22ad9e';

describe('rewritten transcript', () => {
  it('leaves no message of the old version in the store', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    expect(runCli(['sync', '-q'], { env: tmp.env }).status).toBe(0);
    const file = path.join(tmp.claudeDir, REL);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    writeFileSync(file, `${lines.slice(0, Math.floor(lines.length / 3)).join('\n')}\n`);

    const sync = runCliJson<{ transcripts: Record<string, number> }>(['sync', '--json'], { env: tmp.env });
    expect(sync.transcripts).toMatchObject({ rewritten: 1 });
    const store = SqliteStore.open(path.join(tmp.ciHome, 'data.db'), { readonly: true });
    const session = store.getSession(ID);
    const messages = store.listMessages(ID);
    store.close();
    expect(messages.length).toBe(session?.messageCount);
    expect(messages.length).toBeLessThan(100);
  });
});
