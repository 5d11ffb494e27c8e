import { describe, expect, it } from 'vitest';
import { addSessionEndHook, findOurCommands, removeSessionEndHook, SettingsContentError } from '../../src/hook/session-end-edit.js';

const COMMAND = "'/opt/node/bin/node' '/opt/ci/bin/run.js' sync -q";
const HANDLER = { command: COMMAND, timeout: 5 };
const isOurs = (command: string): boolean => command === COMMAND;

/** Install then uninstall with what install reported it created. */
function roundTrip(original: string): { installed: string; restored: string } {
  const added = addSessionEndHook(original, HANDLER, isOurs);
  const removed = removeSessionEndHook(added.text, isOurs, added.created);
  return { installed: added.text, restored: removed.text };
}

/** Parsed equality that also checks key order (JSON.stringify keeps insertion order). */
function expectSameJson(actual: string, expected: string): void {
  expect(JSON.parse(actual)).toEqual(JSON.parse(expected));
  expect(JSON.stringify(JSON.parse(actual))).toBe(JSON.stringify(JSON.parse(expected)));
}

/** The installed document with our handler taken out by plain object manipulation, for comparing the rest. */
function withoutOurGroup(text: string): unknown {
  const doc = JSON.parse(text) as { hooks?: Record<string, Array<{ hooks: Array<{ command?: string }> }>> };
  const end = doc.hooks?.SessionEnd ?? [];
  return end.filter((group) => !group.hooks.some((handler) => handler.command === COMMAND));
}

const OTHERS = `{
  "model": "opus",
  "env": { "FOO": "bar" },
  "permissions": { "allow": ["Bash(git *)"], "deny": [] },
  "hooks": {
    "PreToolUse": [{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "guard.sh" }] }],
    "Stop": [{ "hooks": [{ "type": "command", "command": "notify.sh", "async": true }] }],
    "SessionEnd": [{ "matcher": "clear", "hooks": [{ "type": "command", "command": "cleanup.sh", "timeout": 2 }] }]
  },
  "statusLine": { "type": "command", "command": "line.sh" }
}
`;

describe('addSessionEndHook', () => {
  it('creates the whole structure for a missing file', () => {
    const added = addSessionEndHook(null, HANDLER, isOurs);
    expect(added.action).toBe('added');
    expect(added.created).toEqual({ hooks: true, sessionEnd: true });
    expect(JSON.parse(added.text)).toEqual({
      hooks: { SessionEnd: [{ matcher: '', hooks: [{ type: 'command', command: COMMAND, timeout: 5 }] }] },
    });
  });

  it('adds to {} and records both containers as created', () => {
    const added = addSessionEndHook('{}\n', HANDLER, isOurs);
    expect(added.created).toEqual({ hooks: true, sessionEnd: true });
    expect(findOurCommands(added.text, isOurs)).toEqual([COMMAND]);
  });

  it("appends after other SessionEnd groups and leaves every other key and hook as it was", () => {
    const added = addSessionEndHook(OTHERS, HANDLER, isOurs);
    expect(added.created).toEqual({ hooks: false, sessionEnd: false });
    const before = JSON.parse(OTHERS) as Record<string, unknown> & { hooks: Record<string, unknown> };
    const after = JSON.parse(added.text) as typeof before;
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(Object.keys(after.hooks)).toEqual(Object.keys(before.hooks));
    for (const key of Object.keys(before)) if (key !== 'hooks') expect(after[key]).toEqual(before[key]);
    expect(after.hooks.PreToolUse).toEqual(before.hooks.PreToolUse);
    expect(after.hooks.Stop).toEqual(before.hooks.Stop);
    expect(withoutOurGroup(added.text)).toEqual(before.hooks.SessionEnd);
  });

  it('twice is once: the second run changes nothing', () => {
    const once = addSessionEndHook(OTHERS, HANDLER, isOurs);
    const twice = addSessionEndHook(once.text, HANDLER, isOurs);
    expect(twice.action).toBe('present');
    expect(twice.text).toBe(once.text);
  });

  it("does not take someone else's command that merely contains ours for ours", () => {
    const theirs = `{"hooks":{"SessionEnd":[{"hooks":[{"type":"command","command":${JSON.stringify(`${COMMAND} && echo done`)}},{"type":"command","command":${JSON.stringify(`echo ${COMMAND}`)}}]}]}}`;
    const added = addSessionEndHook(theirs, HANDLER, isOurs);
    expect(added.action).toBe('added');
    const removed = removeSessionEndHook(added.text, isOurs, added.created);
    expect(removed.removed).toBe(1);
    expectSameJson(removed.text, theirs);
  });

  it('rewrites an older command of ours in place instead of adding a second handler', () => {
    const old = "'/old/node' '/old/bin/run.js' sync -q";
    const installed = addSessionEndHook(OTHERS, { command: old, timeout: 5 }, (c) => c === old).text;
    const updated = addSessionEndHook(installed, HANDLER, (c) => c === COMMAND || c === old);
    expect(updated.action).toBe('updated');
    expect(findOurCommands(updated.text, (c) => c === COMMAND || c === old)).toEqual([COMMAND]);
    expect(updated.text.replace(JSON.stringify(COMMAND), JSON.stringify(old))).toBe(installed);
  });

  it.each([
    ['invalid JSON', '{"model": "opus",}'],
    ['an empty file', ''],
    ['an array at the top', '[]'],
    ['null at the top', 'null'],
    ['hooks as an array', '{"hooks": []}'],
    ['SessionEnd as an object', '{"hooks": {"SessionEnd": {}}}'],
  ])('refuses %s with a message saying what is wrong', (_name, text) => {
    expect(() => addSessionEndHook(text, HANDLER, isOurs)).toThrow(SettingsContentError);
    expect(() => removeSessionEndHook(text, isOurs, null)).toThrow(SettingsContentError);
  });

  it('names the JSON.parse error for invalid JSON', () => {
    expect(() => addSessionEndHook('{"a": tru}', HANDLER, isOurs)).toThrow(/JSON/);
    expect(() => addSessionEndHook('[1]', HANDLER, isOurs)).toThrow(/top level is an array/);
    expect(() => addSessionEndHook('{"hooks": {"SessionEnd": 3}}', HANDLER, isOurs)).toThrow(/"hooks.SessionEnd" is a number, not an array/);
  });
});

describe('install + uninstall round trip', () => {
  it.each([
    ['empty object', '{}'],
    ['empty object with newline', '{}\n'],
    ['unrelated keys', '{\n  "model": "sonnet",\n  "env": {\n    "A": "1"\n  }\n}\n'],
    ['other hooks on SessionEnd, Stop and PreToolUse', OTHERS],
    ['an empty hooks object', '{\n  "hooks": {}\n}\n'],
    ['an empty SessionEnd array', '{\n  "hooks": {\n    "SessionEnd": []\n  }\n}\n'],
    ['a one-line document', '{"model":"opus","hooks":{"Stop":[]}}'],
    ['tab indentation', '{\n\t"model": "opus",\n\t"hooks": {\n\t\t"Stop": []\n\t}\n}'],
    ['4-space indentation and CRLF-free nesting', JSON.stringify({ a: { b: [1, { c: null }] }, hooks: { SessionEnd: [{ hooks: [] }] } }, null, 4)],
    ['a byte-order mark', '\uFEFF{\n  "model": "opus"\n}\n'],
  ])('%s: uninstall restores the original bytes', (_name, original) => {
    const { installed, restored } = roundTrip(original);
    expect(installed).not.toBe(original);
    expect(restored).toBe(original);
  });

  it('keeps values JSON.parse cannot round-trip (big numbers, integer-like key order, duplicate keys)', () => {
    const original = '{\n  "n": 123456789012345678901234567890,\n  "e": 1e400,\n  "env": { "b": "x", "2": "y", "1": "z" },\n  "dup": 1,\n  "dup": 2\n}\n';
    const { installed, restored } = roundTrip(original);
    expect(installed.startsWith(original.slice(0, original.lastIndexOf('\n}')))).toBe(true);
    expect(restored).toBe(original);
  });

  it('keeps the empty containers install did not create, and removes those it did', () => {
    const keepsHooks = roundTrip('{"hooks": {}}').restored;
    expect(JSON.parse(keepsHooks)).toEqual({ hooks: {} });
    const keepsArray = roundTrip('{"hooks": {"SessionEnd": []}}').restored;
    expect(JSON.parse(keepsArray)).toEqual({ hooks: { SessionEnd: [] } });
    expect(JSON.parse(roundTrip('{"model": "x"}').restored)).toEqual({ model: 'x' });
  });

  it('without a record of the install, keeps every container', () => {
    const installed = addSessionEndHook('{}', HANDLER, isOurs).text;
    const removed = removeSessionEndHook(installed, isOurs, null);
    expect(removed.removed).toBe(1);
    expect(JSON.parse(removed.text)).toEqual({ hooks: { SessionEnd: [] } });
  });

  it("leaves others' hooks alone, including one a user added into our group", () => {
    const installed = addSessionEndHook(OTHERS, HANDLER, isOurs).text;
    const doc = JSON.parse(installed) as { hooks: { SessionEnd: Array<{ hooks: unknown[] }> } };
    const ours = doc.hooks.SessionEnd.at(-1);
    ours?.hooks.push({ type: 'command', command: 'mine-too.sh' });
    const edited = `${JSON.stringify(doc, null, 2)}\n`;
    const removed = removeSessionEndHook(edited, isOurs, { hooks: false, sessionEnd: false });
    expect(removed.removed).toBe(1);
    const after = JSON.parse(removed.text) as typeof doc;
    expect(after.hooks.SessionEnd.at(-1)).toEqual({ matcher: '', hooks: [{ type: 'command', command: 'mine-too.sh' }] });
    expect(after.hooks.SessionEnd.slice(0, -1)).toEqual((JSON.parse(OTHERS) as typeof doc).hooks.SessionEnd);
  });

  it('removes every copy of our handler (a user may have duplicated it)', () => {
    const installed = addSessionEndHook('{}', HANDLER, isOurs);
    const doc = JSON.parse(installed.text) as { hooks: { SessionEnd: unknown[] } };
    doc.hooks.SessionEnd.push(doc.hooks.SessionEnd[0]);
    const removed = removeSessionEndHook(JSON.stringify(doc), isOurs, installed.created);
    expect(removed.removed).toBe(2);
    expect(JSON.parse(removed.text)).toEqual({});
  });

  it('uninstall of a file without our hook changes nothing', () => {
    const removed = removeSessionEndHook(OTHERS, isOurs, { hooks: true, sessionEnd: true });
    expect(removed).toEqual({ text: OTHERS, removed: 0 });
  });

  it('random settings documents in random layouts round-trip exactly', () => {
    const random = prng(20261126);
    for (let i = 0; i < 300; i++) {
      const doc = randomSettings(random);
      const indent = [0, 2, 4, '\t'][Math.floor(random() * 4)];
      const original = JSON.stringify(doc, null, indent) + (random() < 0.5 ? '\n' : '');
      const { installed, restored } = roundTrip(original);
      expect(findOurCommands(installed, isOurs)).toEqual([COMMAND]);
      expectSameJson(restored, original);
      expect(withoutOurGroup(installed)).toEqual((JSON.parse(original) as { hooks?: { SessionEnd?: unknown } }).hooks?.SessionEnd ?? []);
    }
  });
});

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomSettings(random: () => number): Record<string, unknown> {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const doc: Record<string, unknown> = {};
  const keys = ['model', 'env', 'permissions', 'statusLine', '42', 'cleanupPeriodDays'];
  for (const key of keys) if (random() < 0.5) doc[key] = pick(['x', 3, true, null, { a: [1, 2] }, [], {}]);
  if (random() < 0.8) {
    const hooks: Record<string, unknown> = {};
    for (const event of ['PreToolUse', 'SessionEnd', 'Stop', 'SessionStart']) {
      if (random() < 0.5) continue;
      const groups = Array.from({ length: Math.floor(random() * 3) }, () => ({
        ...(random() < 0.5 ? { matcher: pick(['', '*', 'clear', 'Bash']) } : {}),
        hooks: Array.from({ length: Math.floor(random() * 3) }, () => ({ type: 'command', command: pick(['a.sh', `${COMMAND} --x`, 'b']) })),
      }));
      hooks[event] = groups;
    }
    // Where "hooks" sits among the other keys varies too.
    const entries = Object.entries(doc);
    const at = Math.floor(random() * (entries.length + 1));
    entries.splice(at, 0, ['hooks', hooks]);
    return Object.fromEntries(entries);
  }
  return doc;
}
