// Known leak found by the client fuzz suites (packages/core/test/client-fuzz-suite.ts), kept as an
// expected failure until scrubText (src/logging/redact.ts, not owned by the fuzz work) is fixed: its
// `x-auth-token=<value>` pattern runs BEFORE the exact known secrets are replaced, and its value class
// stops at `"',;&}`, so a token containing one of those is only partly redacted and the exact
// replacement then no longer matches; the rest of the token stays in the text.
// Fix: replace the known secrets first, then apply the pattern. Then turn `it.fails` into `it`.
import { describe, expect, it } from 'vitest';
import { scrubText } from '../src/logging/redact.js';

describe('scrubText with a token containing a pattern delimiter', () => {
  it.fails('removes every part of a known secret that the server echoed after x-auth-token=', () => {
    const token = 'Tok3n-part-one,part-two-7f3a9c';
    const echoed = `Invalid request: x-auth-token=${token} body={}`;
    const scrubbed = scrubText(echoed, [token]);
    expect(scrubbed).not.toContain('part-two-7f3a9c');
  });

  it('redacts such a token completely when it is not preceded by a header name (exact match only)', () => {
    const token = 'Tok3n-part-one,part-two-7f3a9c';
    expect(scrubText(`echo: ${token}`, [token])).toBe('echo: [REDACTED]');
  });
});
