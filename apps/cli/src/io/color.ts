// Colour only when a human is looking: a TTY, no NO_COLOR (https://no-color.org), TERM not "dumb",
// and no --no-color. FORCE_COLOR=1 (or higher) turns it on for CI logs that render ANSI.

export interface ColorEnv {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTTY: boolean;
  /** false when --no-color was given. */
  readonly flag: boolean;
}

export function colorEnabled({ env, isTTY, flag }: ColorEnv): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export interface Paint {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export function createPaint(enabled: boolean): Paint {
  const id = (text: string) => text;
  return {
    enabled,
    bold: enabled ? wrap(1, 22) : id,
    dim: enabled ? wrap(2, 22) : id,
    red: enabled ? wrap(31, 39) : id,
    green: enabled ? wrap(32, 39) : id,
    yellow: enabled ? wrap(33, 39) : id,
    cyan: enabled ? wrap(36, 39) : id,
  };
}
