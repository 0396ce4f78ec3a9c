// Text from the command line or from a server, shown on a terminal. Control characters could
// rewrite what the user sees (ESC sequences move the cursor or recolour, CR overwrites the line,
// bidi overrides reorder it, zero-width characters hide text), so messages show them escaped, the
// way JSON.stringify does. Huge values are shortened: an error names the value, it need not repeat 100 KB.

/** C0 controls (but newline and tab), DEL, C1 controls, bidi controls, zero-width characters, line/paragraph separators. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
/** The same set, newline and tab included: for one value inside a message. */
const UNSAFE_IN_VALUE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

function escapeChar(ch: string): string {
  switch (ch) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/** A message made safe to write to a terminal: newlines stay (multi-line messages), other controls are escaped. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** True when `value` holds a character that must not reach a terminal (or an API field) unescaped. */
export function hasControlCharacters(value: string): boolean {
  return UNSAFE_IN_VALUE.test(value);
}

const MAX_SHOWN = 120;

/**
 * A value as it appears in a message: in double quotes, controls escaped, at most ~120 characters.
 * `"abc"`, `"a\u001b[2Jb"`, `"xxxx…" (102400 characters)`.
 */
export function quote(value: string): string {
  const chars = [...value];
  const shown = chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join('')}…` : value;
  const escaped = `"${shown.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(new RegExp(UNSAFE_IN_VALUE.source, 'g'), escapeChar)}"`;
  return chars.length > MAX_SHOWN ? `${escaped} (${chars.length} characters)` : escaped;
}
