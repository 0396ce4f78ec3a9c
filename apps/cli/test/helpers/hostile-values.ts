// Hostile command-line values for the fuzz suites: what a careless script, a copy-paste accident or
// an attacker who controls part of a command line might pass. Shared by the in-process and the
// spawned fuzz so both exercise the same kinds of input.
import fc from 'fast-check';

export const HUGE = 'A'.repeat(100 * 1024);

/** Named, hand-picked values (each is a known trap for some layer). */
export const HOSTILE_CONSTANTS: readonly string[] = [
  // empty and blank
  '',
  ' ',
  '\t',
  // huge
  HUGE,
  `10.0.0.0/16${'9'.repeat(1000)}`,
  // unicode: CJK, emoji, RTL text, bidi override, zero-width, BOM, combining marks
  '数据库灾备',
  '🔥💾🚀',
  'שלום-עולם',
  'abc\u202Eevil.sh',
  'a\u200Bb',
  '\uFEFFid',
  'e\u0301\u0301\u0301',
  // control characters: NUL, CR/LF, terminal escape sequences (colour, clear screen, window title, OSC 8 link)
  '\0',
  'a\0b',
  '\r\n',
  'x\r\ny',
  'ok\rFAKE',
  '\u001b[31mred\u001b[0m',
  '\u001b[2J\u001b[H',
  '\u001b]0;pwned\u0007',
  '\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\',
  '\u009b31m',
  '\u007f',
  // path traversal
  '../../etc/passwd',
  '..\\..\\windows\\system32',
  '%2e%2e%2f%2e%2e%2fetc',
  '.',
  '..',
  // injection
  '; rm -rf /',
  '$(id)',
  '`id`',
  '{{7*7}}',
  '$' + '{7*7}', // a template-injection probe (split so it is not mistaken for a placeholder)
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '%00',
  '%0d%0aX-Injected: 1',
  'a/b?c=d#e',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  // wrong types and numbers out of range
  'abc',
  '1e309',
  '-1',
  '-0',
  'NaN',
  'Infinity',
  '0x10',
  '1.5',
  '1,5',
  '99999999999999999999',
  '9007199254740993',
  '2147483648',
  '65536',
  '0',
  // CIDRs and IPs
  '10.0.0.0/33',
  '10.0.0.0/-1',
  '10.0.0.1/8',
  '256.1.1.1',
  '1.2.3',
  '01.02.03.04',
  '::ffff:1.2.3.4',
  '::1',
  '192.168.0.0/16',
  '172.16.0.0/12',
  '0.0.0.0/0',
  '10.0.0.0/16,',
  ',',
  // durations
  '0s',
  '-5s',
  '5x',
  '1.5.5s',
  '999999999h',
  '1e3s',
  '5 m',
  'ms',
  // things that look like options
  '-',
  '--',
  '-x',
  '--no-such-flag',
];

/** A valid-looking value with something hostile glued on, e.g. `10.0.0.0/16\u001b[2J`. */
const glued = fc
  .tuple(fc.constantFrom('10.0.0.0/16', '10.1.1.2', 'ap-southeast-1', '30s', 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12', 'video_dr', '20m', '10'), fc.constantFrom('\u001b[2J', '\r', '\0', '\n', '\u202E', ' ', '/../..', ';id', '%0a'), fc.boolean())
  .map(([valid, bad, before]) => (before ? `${bad}${valid}` : `${valid}${bad}`));

/** Every kind of hostile value: the named ones, random unicode/binary text, numbers at and beyond the limits, glued values. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.double({ noNaN: false })).map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String) },
  { weight: 2, arbitrary: glued },
);

/**
 * Characters no output may contain raw when they came from the input: C0 controls (but newline and
 * tab), DEL, C1 controls, bidi controls, zero-width characters, line/paragraph separators. The fuzz
 * runs with NO_COLOR, so not even colour sequences are expected.
 */
export function firstUnsafeCharacter(text: string): string | undefined {
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const unsafe =
      (c <= 0x1f && c !== 0x0a && c !== 0x09) ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0x061c ||
      (c >= 0x200b && c <= 0x200f) ||
      (c >= 0x2028 && c <= 0x202e) ||
      (c >= 0x2060 && c <= 0x2069) ||
      c === 0xfeff;
    if (unsafe) return `U+${c.toString(16).padStart(4, '0')}`;
  }
  return undefined;
}

/** A stack trace line, which must never reach a user. */
export const STACK_LINE = /^\s+at .+[(:]/m;
