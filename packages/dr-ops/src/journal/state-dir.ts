// Where the CLI keeps its operation journals and locks: $HCDR_STATE_DIR (tests, several
// installations), else $XDG_STATE_HOME/hcdr, else ~/.local/state/hcdr (XDG Base Directory spec).
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export function defaultStateDir(env: Readonly<Record<string, string | undefined>> = process.env, home: string = homedir()): string {
  const explicit = env['HCDR_STATE_DIR'];
  if (explicit) return explicit;
  // The spec says a relative XDG_STATE_HOME is invalid and must be ignored.
  const xdg = env['XDG_STATE_HOME'];
  if (xdg && isAbsolute(xdg)) return join(xdg, 'hcdr');
  return join(home, '.local', 'state', 'hcdr');
}
