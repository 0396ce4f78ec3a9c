// Renders commands the user can copy and run again (resume hints, the demo). POSIX-shell quoting.

export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function renderCommand(args: readonly string[]): string {
  return args.map(shellQuote).join(' ');
}
