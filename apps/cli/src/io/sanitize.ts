// Text from the command line or from a server, shown on a terminal. Control characters could
// rewrite what the user sees (ESC sequences move the cursor or recolour, CR overwrites the line,
// bidi overrides reorder it, zero-width characters hide text), so messages show them escaped, the
// way JSON.stringify does. Huge values are shortened: an error names the value, it need not repeat 100 KB.

/** C0 controls, DEL, C1 controls, bidi controls, zero-width characters, line/paragraph separators. */
function isUnsafe(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) ||
    code === 0xfeff
  );
}

/** Escapes every unsafe character; `keep` lists the ones a multi-line message may keep (newline, tab). */
function escapeUnsafe(text: string, keep: ReadonlySet<string>): string {
  let out = '';
  for (const ch of text) out += isUnsafe(ch.codePointAt(0) ?? 0) && !keep.has(ch) ? escapeChar(ch) : ch;
  return out;
}

const MESSAGE_KEEPS = new Set(['\n', '\t']);
const NOTHING = new Set<string>();

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
  return escapeUnsafe(text, MESSAGE_KEEPS);
}

/** True when `value` holds a character that must not reach a terminal (or an API field) unescaped. */
export function hasControlCharacters(value: string): boolean {
  for (const ch of value) if (isUnsafe(ch.codePointAt(0) ?? 0)) return true;
  return false;
}

const MAX_SHOWN = 120;

/**
 * A value as it appears in a message: in double quotes, controls escaped, at most ~120 characters.
 * `"abc"`, `"a\u001b[2Jb"`, `"xxxx…" (102400 characters)`.
 */
export function quote(value: string): string {
  const chars = [...value];
  const shown = chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join('')}…` : value;
  const escaped = `"${escapeUnsafe(shown.replace(/\\/g, '\\\\').replace(/"/g, '\\"'), NOTHING)}"`;
  return chars.length > MAX_SHOWN ? `${escaped} (${chars.length} characters)` : escaped;
}
