// `hcdr simulator`: runs the stateful local simulator (@hcdr/simulator) so users can rehearse DR
// drills without a cloud account. A thin shell over the simulator package's launcher: the same
// option table, checks, env file and banner as `hcdr-simulator`, so the two accept the same flags.
// This module is loaded only for `hcdr simulator` (and full help), so importing the simulator here costs other commands nothing.
import { LAUNCH_OPTIONS, launchSimulator, LaunchUsageError, resolveLaunchValues, type Launched } from '@hcdr/simulator';
import { Option, type Command } from 'commander';
import type { Runtime } from '../../context.js';
import { UsageError } from '../../io/errors.js';
import { action, examples } from '../shared.js';

/** commander's property for a table flag: `job-duration` → `jobDuration`; `no-auth` → `auth` (false when given). */
function propertyOf(name: string): string {
  const bare = name.startsWith('no-') ? name.slice(3) : name;
  return bare.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Flags the root program already defines: commander gives their values to the globals, so they are
 * not registered again and are read from there (`--credentials-file`, hcdr-simulator's old spelling of
 * --write-env, is hcdr's global flag).
 */
const GLOBAL_SPELLINGS: Readonly<Record<string, 'credentialsFile'>> = { 'credentials-file': 'credentialsFile' };

/** Fills the `simulator` command (created, with its description, by program.ts). */
export function registerSimulator(command: Command, runtime: Runtime): void {
  for (const spec of LAUNCH_OPTIONS) {
    if (spec.name in GLOBAL_SPELLINGS) continue;
    const option = new Option(`--${spec.name}${spec.value ? ` ${spec.value}` : ''}`, spec.description);
    command.addOption(spec.hidden ? option.hideHelp() : option);
  }
  examples(
    command.action(
      action<Record<string, string | boolean | undefined>>(runtime, async (ctx, o) => {
        // Back to the table's names, then the launcher's own checks (the same as hcdr-simulator's).
        const values = Object.fromEntries(
          LAUNCH_OPTIONS.map((spec) => {
            const global = GLOBAL_SPELLINGS[spec.name];
            const v = global ? ctx.globals[global] : o[propertyOf(spec.name)];
            return [spec.name, spec.name.startsWith('no-') ? (v === false ? true : undefined) : v];
          }),
        );
        let launched: Launched;
        try {
          launched = await launchSimulator(resolveLaunchValues(values), {
            stdout: (t) => ctx.term.stdout.write(t),
            stderr: (t) => ctx.term.stderr.write(t),
            env: ctx.term.env,
          });
        } catch (error) {
          if (error instanceof LaunchUsageError) throw new UsageError(error.problems.map((p) => ({ ...p })), { note: 'the simulator did not start' });
          throw error;
        }
        ctx.term.stdout.write('Ctrl-C stops it.\n');
        await new Promise<void>((resolve) => {
          if (ctx.signal.aborted) resolve();
          ctx.signal.addEventListener('abort', () => resolve(), { once: true });
        });
        await launched.stop();
        ctx.term.stderr.write('simulator stopped\n');
      }),
    ),
    'hcdr simulator',
    'hcdr simulator --port 8080 --job-duration 10s --log',
    'hcdr simulator --state-file ./sim-state.json --write-env ./sim.env --fleet 300 --seed 7',
  );
}
