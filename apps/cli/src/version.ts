// The version printed by `hcdr --version` and sent in the User-Agent: read from package.json
// (one small synchronous read; dist/version.js and src/version.ts are both one level below it).
import { readFileSync } from 'node:fs';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
