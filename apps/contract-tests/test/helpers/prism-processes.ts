// Finds the OS processes behind a Prism server started by @hcdr/mock-servers (which does not expose the
// child's PID) and proves they are gone after stop(): no stray Prism processes after a run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { startPrism } from '@hcdr/mock-servers';

export type PrismServer = Awaited<ReturnType<typeof startPrism>>;

export interface TrackedPrism {
  readonly server: PrismServer;
  /** PIDs of the processes serving `server.port` (empty only where /proc is unavailable). */
  readonly pids: number[];
}

/** Processes whose command line is `… prism-cli … --port <port>` (Linux /proc). */
export function prismPidsForPort(port: number): number[] {
  if (!existsSync('/proc')) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited while we looked
    }
    const portAt = args.indexOf('--port');
    if (portAt > 0 && args[portAt + 1] === String(port) && args.some((a) => a.includes('prism-cli'))) pids.push(Number(entry));
  }
  return pids;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie still answers signal 0; it no longer runs.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

export async function startTrackedPrism(options: Parameters<typeof startPrism>[0]): Promise<TrackedPrism> {
  const server = await startPrism(options);
  return { server, pids: prismPidsForPort(server.port) };
}

/** Stops the servers and returns what is still running (PIDs alive or ports still answering). */
export async function stopAndCheck(tracked: readonly TrackedPrism[]): Promise<string[]> {
  await Promise.all(tracked.map((t) => t.server.stop()));
  const problems: string[] = [];
  for (const t of tracked) {
    for (const pid of t.pids) if (isAlive(pid)) problems.push(`Prism PID ${pid} (${t.server.url}) is still running`);
    for (const pid of prismPidsForPort(t.server.port)) {
      if (!t.pids.includes(pid) && isAlive(pid)) problems.push(`an untracked Prism process ${pid} still serves port ${t.server.port}`);
    }
    const answered = await fetch(t.server.url, { signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    if (answered) problems.push(`${t.server.url} still answers after stop()`);
  }
  return problems;
}
