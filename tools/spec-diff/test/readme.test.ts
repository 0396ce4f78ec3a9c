import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/classify.mjs';

const readme = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md'), 'utf8');

describe('README classification table', () => {
  const rows = [...readme.matchAll(/^\| (breaking|potentially-breaking|non-breaking) \| `([a-z-]+)` \|/gm)].map((m) => [m[2], m[1]]);

  it('lists every kind of RULES with its severity, and nothing else', () => {
    const fromRules = Object.entries(RULES).map(([kind, rule]) => [kind, rule.severity]);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(fromRules));
    expect(rows).toHaveLength(fromRules.length);
  });

  it('documents the enum policy, the pre-1.0 rule and the no-history behaviour', () => {
    expect(readme).toMatch(/### Enum policy/);
    expect(readme).toMatch(/\*\*Pre-1\.0 rule:\*\*/);
    expect(readme).toMatch(/### Without history/);
    expect(readme).toMatch(/fail(s)? closed/);
  });
});
