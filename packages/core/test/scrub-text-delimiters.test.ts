// A leak the client fuzz suites found (packages/core/test/client-fuzz-suite.ts): scrubText applied its
// `x-auth-token=<value>` pattern BEFORE replacing the known secrets, and the pattern's value stops at
// `"',;&}`, so a token containing one of those was cut and its tail stayed in the text.
import { describe, expect, it } from 'vitest';
import { scrubText } from '../src/logging/redact.js';

describe('scrubText with a token containing a pattern delimiter', () => {
  it('removes every part of a known secret that the server echoed after x-auth-token=', () => {
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
