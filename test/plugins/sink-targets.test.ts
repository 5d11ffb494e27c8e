/** Where built-in sinks write, as config and environment say: any change makes the sink catch up on everything. */
import { describe, expect, it } from 'vitest';
import { expectedSinks } from '../../src/plugins/load-plugins.js';
import { builtinSinkTarget } from '../../src/plugins/sink-targets.js';
import type { LoadedConfig } from '../../src/sync/execute-sync.js';

const loaded = (config: LoadedConfig['config']): LoadedConfig => ({ config, plugins: [], files: [] }) as unknown as LoadedConfig;

describe('sink targets', () => {
  it('tell the SQLite file, and the Firestore project, database and emulator apart', () => {
    expect(builtinSinkTarget('sqlite-sink', undefined, {})).toBeNull();
    expect(builtinSinkTarget('sqlite-sink', { path: 'other.db' }, {})).toBe('other.db');
    expect(builtinSinkTarget('firestore-sink', { projectId: 'acme' }, {})).toBe('acme/(default)');
    expect(builtinSinkTarget('firestore-sink', { projectId: 'acme', databaseId: 'logs' }, {})).toBe('acme/logs');
    expect(builtinSinkTarget('firestore-sink', { projectId: 'acme' }, { FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080' })).toBe('emulator acme/(default)');
    expect(builtinSinkTarget('firestore-sink', {}, { GOOGLE_CLOUD_PROJECT: 'env-proj' })).toBe('env-proj/(default)');
    expect(builtinSinkTarget('firestore-sink', { serviceAccount: '/k/a.json' }, {})).toBe('key /k/a.json/(default)');
    // The same order as the sink: a key file names the project before the environment does.
    expect(builtinSinkTarget('firestore-sink', {}, { GOOGLE_APPLICATION_CREDENTIALS: '/k/b.json', GOOGLE_CLOUD_PROJECT: 'env-proj' })).toBe('key /k/b.json/(default)');
    expect(builtinSinkTarget('firestore-sink', {}, { GOOGLE_APPLICATION_CREDENTIALS: '/k/b.json', GOOGLE_CLOUD_PROJECT: 'env-proj', FIRESTORE_EMULATOR_HOST: 'h:1' })).toBe('emulator env-proj/(default)');
    expect(builtinSinkTarget('ndjson-sink', { path: 'x' }, {})).toBeNull();
  });

  it('expectedSinks lists each configured sink once, with its target, sorted', () => {
    expect(expectedSinks(loaded({}), [], {})).toEqual(['sqlite']);
    const both = loaded({ sink: ['sqlite', 'firestore'], options: { 'firestore-sink': { projectId: 'acme' } } } as LoadedConfig['config']);
    expect(expectedSinks(both, [], {})).toEqual(['firestore acme/(default)', 'sqlite']);
    const disabled = loaded({ sink: ['sqlite', 'firestore'], disable: ['sqlite-sink'], options: { 'firestore-sink': { projectId: 'acme' } } } as LoadedConfig['config']);
    expect(expectedSinks(disabled, [], {})).toEqual(['firestore acme/(default)']);
  });
});
