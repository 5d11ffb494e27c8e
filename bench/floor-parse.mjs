#!/usr/bin/env node
// The floor: read every .jsonl under a directory (or one file) and JSON.parse every line. Nothing else.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const target = process.argv[2];
const files = statSync(target).isDirectory()
  ? readdirSync(target, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.jsonl'))
      .map((e) => path.join(e.parentPath, e.name))
  : [target];
let records = 0;
for (const file of files) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      JSON.parse(line);
      records += 1;
    } catch {
      // malformed lines count as read
    }
  }
}
if (records < 0) console.log(records);
