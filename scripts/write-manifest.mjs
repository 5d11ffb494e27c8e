#!/usr/bin/env node
// Writes oclif.manifest.json after the build, so the CLI finds its commands without importing every one
// of them at start-up (a faster hook run and no-op sync). Same content as `oclif manifest`, no extra dependency.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'oclif.manifest.json');
rmSync(file, { force: true }); // a stale manifest must not feed the new one
const config = await Config.load(root);
const { manifest } = config.rootPlugin;
writeFileSync(file, `${JSON.stringify({ ...manifest, version: config.version }, null, 2)}\n`);
