// One connection per side of a pair (`--primary-region`, `--standby-profile`, ...), defaulting to
// the global connection flags: each instance can be in its own region, project and account.
import type { Command } from 'commander';
import { checkEndpoint, type AppContext } from '../context.js';
import type { InputChecks } from '../validation/checks.js';
import * as rules from '../validation/rules.js';
import type { Connection } from './client-options.js';

export type SideName = 'primary' | 'standby';

/** --primary-region, --standby-profile, ...: one connection per side, defaulting to the global flags. */
export function addSideConnectionOptions(command: Command, what = 'instance', planDefaults = false): Command {
  const from = (flag: string) => (planDefaults ? `the plan's, then ${flag}` : flag);
  for (const side of ['primary', 'standby'] as const) {
    command
      .option(`--${side}-region <region>`, `region of the ${side} ${what} (default: ${from('--region')})`)
      .option(`--${side}-project-id <id>`, `project ID in the ${side}'s region (default: ${from('--project-id')})`)
      .option(`--${side}-profile <name>`, `profile with the ${side}'s credentials (default: ${from('--profile')})`)
      .option(`--${side}-credentials-file <path>`, `credentials file for the ${side} (default: --credentials-file)`)
      .option(`--${side}-endpoint <url>`, `endpoint for the ${side} (default: --endpoint)`);
  }
  return command;
}

/** The side's connection from its flags, then `base` (plan values), then the global flags. */
export function sideConnection(ctx: AppContext, c: InputChecks, o: Record<string, unknown>, side: SideName, base: Partial<Connection> = {}): Connection {
  const get = (k: string) => o[`${side}${k}`] as string | undefined;
  const g = ctx.globals;
  const endpoint = get('Endpoint');
  return {
    region: c.optional(`--${side}-region`, get('Region'), rules.regionCode) ?? base.region ?? g.region,
    projectId: c.optional(`--${side}-project-id`, get('ProjectId'), rules.id) ?? base.projectId ?? g.projectId,
    profile: c.optional(`--${side}-profile`, get('Profile')) ?? base.profile ?? g.profile,
    configFile: g.configFile,
    credentialsFile: c.optional(`--${side}-credentials-file`, get('CredentialsFile')) ?? g.credentialsFile,
    endpoint: (endpoint !== undefined ? checkEndpoint(c, `--${side}-endpoint`, endpoint) : undefined) ?? g.endpoint,
  };
}
