import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRoots } from '../../src/doctor/roots-checks.js';
import { makeTmpHome, REAL_FIXTURES } from '../helpers/tmp-home.js';

/** Transcripts in the fixture, counted independently of discovery: every .jsonl file under projects/. */
const FIXTURE_TRANSCRIPTS = readdirSync(path.join(REAL_FIXTURES, 'projects'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl')).length;

describe('roots checks', () => {
  it('CLAUDE_CONFIG_DIR: one check per entry with its transcript count; a missing entry is info', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    const missing = path.join(tmp.root, 'nowhere');
    const checks = checkRoots({ env: { ...tmp.env, CLAUDE_CONFIG_DIR: `${tmp.claudeDir}, ${missing}` } });
    expect(FIXTURE_TRANSCRIPTS).toBeGreaterThan(0);
    expect(checks).toEqual([
      expect.objectContaining({ id: 'roots.root-1', status: 'ok', message: `${tmp.claudeDir}: ${FIXTURE_TRANSCRIPTS} transcripts` }),
      expect.objectContaining({ id: 'roots.root-2', status: 'info', message: expect.stringContaining(`${missing} (from CLAUDE_CONFIG_DIR) has no projects/`) }),
    ]);
  });

  it('no transcripts anywhere warns, with the fix', () => {
    using tmp = makeTmpHome();
    const checks = checkRoots({ env: tmp.env });
    expect(checks.at(-1)).toMatchObject({ id: 'roots.found', status: 'warn', fix: expect.stringContaining('CLAUDE_CONFIG_DIR') });
    // A root that exists but holds nothing counts as none found too.
    mkdirSync(path.join(tmp.claudeDir, 'projects'), { recursive: true });
    const empty = checkRoots({ env: tmp.env });
    expect(empty.map((c) => [c.id, c.status])).toEqual([
      ['roots.root-1', 'info'],
      ['roots.found', 'warn'],
    ]);
  });

  it('without CLAUDE_CONFIG_DIR: the default ~/.claude under a temp HOME', () => {
    using tmp = makeTmpHome();
    cpSync(REAL_FIXTURES, path.join(tmp.home, '.claude'), { recursive: true });
    const env = { ...tmp.env, CLAUDE_CONFIG_DIR: '' };
    expect(checkRoots({ env })).toEqual([expect.objectContaining({ status: 'ok', message: `${path.join(tmp.home, '.claude')}: ${FIXTURE_TRANSCRIPTS} transcripts` })]);
    using empty = makeTmpHome();
    expect(checkRoots({ env: { ...empty.env, CLAUDE_CONFIG_DIR: '' } })).toEqual([
      expect.objectContaining({ status: 'warn', message: expect.stringContaining('CLAUDE_CONFIG_DIR is not set') }),
    ]);
  });

  it('the roots option wins over CLAUDE_CONFIG_DIR, as in discovery', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    const other = path.join(tmp.root, 'other');
    const checks = checkRoots({ env: tmp.env, rootsOption: [other] });
    expect(checks[0]).toMatchObject({ status: 'info', message: expect.stringContaining('options."claude-code-source".roots') });
    expect(checks[1]).toMatchObject({ id: 'roots.found', status: 'warn' });
  });

  it('a disabled source reads nothing: info only', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    expect(checkRoots({ env: tmp.env, disabled: true })).toEqual([expect.objectContaining({ id: 'roots.source', status: 'info' })]);
  });
});
