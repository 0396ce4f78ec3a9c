// `hcdr geminidb dr pair` / `dr unpair`: flags → @hcdr/dr-ops workflow → output. The workflows
// (prechecks, constructions, waits, port/peer checks, resume) live in the library; this file parses
// flags, reads the DR password, builds one client per side and prints what happens. Both are
// journaled under the state directory: running the same command again after any interruption
// finishes it, and says so when there is nothing left to do.
import type { Command } from 'commander';
import type { GeminiDbPairSide } from '@hcdr/dr-ops';
import { connectionArgs, geminiDbClient, type Connection } from '../../config/client-options.js';
import { checkEndpoint, type AppContext, type Runtime } from '../../context.js';
import { confirm } from '../../io/confirm.js';
import { createDryRunRecorder, printDryRun } from '../../io/dry-run.js';
import { readSecret } from '../../io/secrets.js';
import { renderCommand } from '../../io/shell.js';
import { collectList, InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { action, addPasswordOptions, addWaitOptions, examples, readWaitSettings, type PasswordFlags, type WaitFlags } from '../shared.js';
import { cliJournal, eventPrinter, rerunCommand, runWorkflow } from '../workflow-output.js';
import { passwordRequest } from './dr.js';
import { pollTiming } from './job-wait.js';

const WAIT_DEFAULT = '30m';
const A = 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12';
const B = 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12';

type SideName = 'primary' | 'standby';

interface SideFlags {
  region?: string;
  projectId?: string;
  profile?: string;
  endpoint?: string;
  credentialsFile?: string;
}

interface PairFlags extends PasswordFlags, WaitFlags {
  primary: string;
  standby: string;
  alias: string;
  primarySubnetCidr?: string[];
  standbySubnetCidr?: string[];
  primaryVpcCidr?: string;
  standbyVpcCidr?: string;
  primaryNodeIps?: string[];
  standbyNodeIps?: string[];
  primarySpecCode?: string;
  standbySpecCode?: string;
  skipPortCheck?: boolean;
  resume?: string;
  [key: string]: unknown;
}

/** --primary-region, --standby-profile, ...: one connection per side, defaulting to the global flags. */
export function addSideConnectionOptions(command: Command): Command {
  for (const side of ['primary', 'standby'] as const) {
    command
      .option(`--${side}-region <region>`, `region of the ${side} instance (default: --region)`)
      .option(`--${side}-project-id <id>`, `project ID in the ${side}'s region (default: --project-id)`)
      .option(`--${side}-profile <name>`, `profile with the ${side}'s credentials (default: --profile)`)
      .option(`--${side}-credentials-file <path>`, `credentials file for the ${side} (default: --credentials-file)`)
      .option(`--${side}-endpoint <url>`, `endpoint for the ${side} (default: --endpoint)`);
  }
  return command;
}

function sideFlags(o: Record<string, unknown>, side: SideName): SideFlags {
  const get = (k: string) => o[`${side}${k}`] as string | undefined;
  return { region: get('Region'), projectId: get('ProjectId'), profile: get('Profile'), endpoint: get('Endpoint'), credentialsFile: get('CredentialsFile') };
}

export function sideConnection(ctx: AppContext, c: InputChecks, o: Record<string, unknown>, side: SideName): Connection {
  const f = sideFlags(o, side);
  const g = ctx.globals;
  return {
    region: c.optional(`--${side}-region`, f.region, rules.regionCode) ?? g.region,
    projectId: c.optional(`--${side}-project-id`, f.projectId, rules.id) ?? g.projectId,
    profile: c.optional(`--${side}-profile`, f.profile) ?? g.profile,
    configFile: g.configFile,
    credentialsFile: c.optional(`--${side}-credentials-file`, f.credentialsFile) ?? g.credentialsFile,
    endpoint: (f.endpoint !== undefined ? checkEndpoint(c, `--${side}-endpoint`, f.endpoint) : undefined) ?? g.endpoint,
    side,
    origins: { endpoint: f.endpoint !== undefined ? `--${side}-endpoint` : g.endpointFrom, region: f.region !== undefined ? `--${side}-region` : undefined },
  };
}

/** Library field (`primary.subnetCidrs`) → flag (`--primary-subnet-cidr`). */
export function pairFlagOf(field: string): string {
  const [head, tail] = field.split('.');
  const side = head === 'newPrimary' ? 'primary' : head === 'oldPrimary' ? 'standby' : head;
  if (!tail) return field === 'password' ? '--password-file' : `--${field}`;
  const flag = { instanceId: '', subnetCidrs: '-subnet-cidr', vpcCidr: '-vpc-cidr', nodeIps: '-node-ips', specCode: '-spec-code', regionCode: '-region', client: '-region' }[tail] ?? `-${tail}`;
  return `--${side}${flag}`;
}

function waitOption(o: WaitFlags & { wait?: boolean }, c: InputChecks) {
  const settings = readWaitSettings(c, { ...o, wait: o.wait !== false }, WAIT_DEFAULT);
  return { settings, wait: settings.enabled ? pollTiming(settings) : (false as const) };
}

// ------------------------------------------------------------------------------------------------

export function registerPair(dr: Command, runtime: Runtime): void {
  const pair = dr
    .command('pair')
    .description('Set up a DR relationship: precheck both instances, construct the primary side, construct the standby side with the DR ID, wait for both jobs. Safe to run again: it finishes an interrupted pairing')
    .requiredOption('--primary <instance-id>', 'the instance that becomes the primary')
    .requiredOption('--standby <instance-id>', 'the instance that becomes the standby')
    .requiredOption('--alias <alias>', 'alias of the DR relationship')
    .option('--primary-subnet-cidr <cidrs>', "CIDR blocks of the primary's subnets (not 192.*/172.*; repeat or comma-separate)", collectList)
    .option('--primary-vpc-cidr <cidr>', "CIDR block of the primary's VPC")
    .option('--standby-subnet-cidr <cidrs>', "CIDR blocks of the standby's subnets (not 192.*/172.*)", collectList)
    .option('--standby-vpc-cidr <cidr>', "CIDR block of the standby's VPC")
    .option('--primary-node-ips <ips>', "IPs of all the primary's nodes (default: read with listInstances)", collectList)
    .option('--standby-node-ips <ips>', "IPs of all the standby's nodes (default: read with listInstances)", collectList)
    .option('--primary-spec-code <code>', "the primary's node spec code (default: read with listInstances)")
    .option('--standby-spec-code <code>', "the standby's node spec code (default: read with listInstances)")
    .option('--skip-port-check', 'do not refuse instances whose port is not 8635 (the API requires 8635)')
    .option('--resume <dr-id>', 'not needed normally: the DR ID of a half-built relationship whose journal is on another machine (avoids rolling its primary side back)');
  addSideConnectionOptions(pair);
  addPasswordOptions(pair, 'DR password (used on both sides)');
  addWaitOptions(pair, WAIT_DEFAULT, { defaultWait: true });
  examples(
    pair,
    '# Both instances in one account, different regions; the password comes from a file:',
    `hcdr geminidb dr pair --primary ${A} --primary-region ap-southeast-1 --primary-subnet-cidr 10.0.1.0/24 --primary-vpc-cidr 10.0.0.0/16 \\\n      --standby ${B} --standby-region ap-southeast-3 --standby-subnet-cidr 10.1.1.0/24 --standby-vpc-cidr 10.1.0.0/16 \\\n      --alias video-dr --password-file ./dr-password`,
    '# Different accounts: one profile per side, password from the environment:',
    `HCDR_DR_PASSWORD=... hcdr geminidb dr pair --primary ${A} --primary-profile prod-sg --standby ${B} --standby-profile dr-jkt ... --alias video-dr`,
    '# Interrupted (Ctrl-C, crash, time-out)? Run the same command again; `hcdr ops list` shows what it would do.',
  );
  pair.action(action<PairFlags>(runtime, async (ctx, o) => runPair(ctx, o)));

  const unpair = dr
    .command('unpair')
    .description('Remove a DR relationship: deconstruction precheck on both instances, deconstruction on both, wait for both jobs. Safe to run again')
    .requiredOption('--primary <instance-id>', 'one instance of the pair (roles do not matter)')
    .requiredOption('--standby <instance-id>', 'the other instance of the pair');
  addSideConnectionOptions(unpair);
  addWaitOptions(unpair, WAIT_DEFAULT, { defaultWait: true });
  examples(unpair, `hcdr geminidb dr unpair --primary ${A} --primary-region ap-southeast-1 --standby ${B} --standby-region ap-southeast-3 --yes`);
  unpair.action(action<PairFlags>(runtime, async (ctx, o) => runUnpair(ctx, o)));
}

// ---- pair --------------------------------------------------------------------------------------

interface SidePlan {
  name: SideName;
  conn: Connection;
  instanceId: string;
  subnetCidrs: string[];
  vpcCidr: string;
  nodeIps: string[];
  specCode: string | undefined;
}

export function readPairSide(ctx: AppContext, c: InputChecks, o: Record<string, unknown>, name: SideName, instanceFlag: string = name): SidePlan {
  return {
    name,
    conn: sideConnection(ctx, c, o, name),
    instanceId: c.required(`--${instanceFlag}`, o[instanceFlag.replace(/-([a-z])/g, (_m, x: string) => x.toUpperCase())] as string, rules.id),
    subnetCidrs: c.list(`--${name}-subnet-cidr`, o[`${name}SubnetCidr`] as string[] | undefined, { required: true }, rules.drCidr),
    vpcCidr: c.required(`--${name}-vpc-cidr`, o[`${name}VpcCidr`] as string | undefined, rules.drCidr),
    nodeIps: c.list(`--${name}-node-ips`, o[`${name}NodeIps`] as string[] | undefined, {}, rules.ipv4),
    specCode: c.optional(`--${name}-spec-code`, o[`${name}SpecCode`] as string | undefined),
  };
}

export function pairSide(plan: SidePlan, client: GeminiDbPairSide['client']): GeminiDbPairSide {
  return {
    client,
    instanceId: plan.instanceId,
    subnetCidrs: plan.subnetCidrs,
    vpcCidr: plan.vpcCidr,
    ...(plan.nodeIps.length ? { nodeIps: plan.nodeIps } : {}),
    ...(plan.specCode ? { specCode: plan.specCode } : {}),
    ...(plan.conn.region ? { regionCode: plan.conn.region } : {}),
  };
}

export function stdinTakenByCredentials(ctx: AppContext, o: Record<string, unknown>): boolean {
  return [ctx.globals.credentialsFile, ...(['primary', 'standby'] as const).map((s) => sideFlags(o, s).credentialsFile)].includes('-');
}

async function runPair(ctx: AppContext, o: PairFlags): Promise<void> {
  const c = new InputChecks();
  const alias = c.required('--alias', o.alias, rules.nonEmpty);
  const primary = readPairSide(ctx, c, o, 'primary');
  const standby = readPairSide(ctx, c, o, 'standby');
  if (primary.instanceId !== '' && primary.instanceId === standby.instanceId) c.fail('--standby', 'must be a different instance than --primary');
  const resumeId = c.optional('--resume', o.resume, rules.id);
  const { wait } = waitOption(o, c);
  c.done();

  const passwordReq = passwordRequest(o, ctx.globals.dryRun, true);
  const password = await readSecret(ctx.term, passwordReq, stdinTakenByCredentials(ctx, o));
  const dr = await import('@hcdr/dr-ops');

  if (ctx.globals.dryRun) {
    const recorder = await createDryRunRecorder();
    const [pc, sc] = await Promise.all([geminiDbClient(ctx, primary.conn, recorder), geminiDbClient(ctx, standby.conn, recorder)]);
    const notes = await runWorkflow(ctx, pairFlagOf, () =>
      dr.previewPairGeminiDb({ primary: pairSide(primary, pc), standby: pairSide(standby, sc), alias, password: password.value }),
    );
    printDryRun(ctx, recorder.requests, [
      'before sending, both instances are read (listInstances, listJobs, roles) and only what is missing is done; a re-run finishes an interrupted pairing',
      ...notes,
      'after the constructions, both jobs are polled with listJobs until they complete',
    ]);
    return;
  }

  const [pc, sc] = await Promise.all([geminiDbClient(ctx, primary.conn), geminiDbClient(ctx, standby.conn)]);
  const progress = ctx.progress();
  ctx.out.info(`Pairing ${ctx.paint.bold(primary.instanceId)} (primary) with ${ctx.paint.bold(standby.instanceId)} (standby) as "${alias}"`);
  try {
    const result = await runWorkflow(
      ctx,
      pairFlagOf,
      async () =>
        dr.pairGeminiDb({
          primary: pairSide(primary, pc),
          standby: pairSide(standby, sc),
          alias,
          password: password.value,
          skipPortCheck: o.skipPortCheck === true,
          resumeDisasterRecoveryId: resumeId,
          wait,
          signal: ctx.signal,
          journal: await cliJournal(ctx),
          rerun: rerunCommand(ctx),
          onEvent: eventPrinter(ctx, progress),
        }),
      { primary_instance_id: primary.instanceId, standby_instance_id: standby.instanceId },
    );
    progress.stop();
    const summary = {
      status: result.outcome === 'accepted' ? 'constructing' : 'active',
      outcome: result.outcome,
      disaster_recovery_id: result.disasterRecoveryId ?? null,
      alias: result.alias,
      primary: { instance_id: result.primary.instanceId, region: result.primary.regionCode ?? primary.conn.region ?? null, role: result.primary.role ?? null, job_id: result.primary.jobId ?? null },
      standby: { instance_id: result.standby.instanceId, region: result.standby.regionCode ?? standby.conn.region ?? null, role: result.standby.role ?? null, job_id: result.standby.jobId ?? null },
      sync_status: result.sync?.status ?? null,
    };
    ctx.out.data(ctx.out.machine ? { ...summary, resumed: result.resumed, notes: result.notes, steps: result.steps } : summary);
    const statusCmd = renderCommand(['hcdr', 'geminidb', 'dr', 'status', primary.instanceId, ...connectionArgs(primary.conn)]);
    if (result.outcome === 'already-done') ctx.out.success(`Nothing to do: the DR relationship is already active. Watch it with: ${statusCmd} --watch`);
    else if (result.outcome === 'completed') ctx.out.success(`DR relationship ${result.disasterRecoveryId ?? ''} is active. Watch it with: ${statusCmd} --watch`.replace('  ', ' '));
    else ctx.out.info(`Both constructions were accepted. Run the same command again to wait for them.`);
  } finally {
    progress.stop();
  }
}

// ---- unpair ------------------------------------------------------------------------------------

async function runUnpair(ctx: AppContext, o: PairFlags): Promise<void> {
  const c = new InputChecks();
  const primary = { conn: sideConnection(ctx, c, o, 'primary'), instanceId: c.required('--primary', o.primary, rules.id) };
  const standby = { conn: sideConnection(ctx, c, o, 'standby'), instanceId: c.required('--standby', o.standby, rules.id) };
  if (primary.instanceId !== '' && primary.instanceId === standby.instanceId) c.fail('--standby', 'must be a different instance than --primary');
  const { wait } = waitOption(o, c);
  c.done();
  await confirm(ctx.term, ctx.paint, ctx.globals, {
    action: `remove the DR relationship between GeminiDB instances ${primary.instanceId} and ${standby.instanceId}`,
    details: ['Both instances keep their data and serve on their own; replication stops for good.'],
  });
  const dr = await import('@hcdr/dr-ops');

  if (ctx.globals.dryRun) {
    const recorder = await createDryRunRecorder();
    const [pc, sc] = await Promise.all([geminiDbClient(ctx, primary.conn, recorder), geminiDbClient(ctx, standby.conn, recorder)]);
    await dr.previewUnpairGeminiDb({ primary: { client: pc, instanceId: primary.instanceId }, standby: { client: sc, instanceId: standby.instanceId } });
    printDryRun(ctx, recorder.requests, [
      'before sending, both instances are read and only sides still in a relationship are deconstructed',
      'after the deconstructions, both jobs are polled with listJobs until they complete',
    ]);
    return;
  }

  const [pc, sc] = await Promise.all([geminiDbClient(ctx, primary.conn), geminiDbClient(ctx, standby.conn)]);
  const progress = ctx.progress();
  try {
    const result = await runWorkflow(ctx, pairFlagOf, async () =>
      dr.unpairGeminiDb({
        primary: { client: pc, instanceId: primary.instanceId },
        standby: { client: sc, instanceId: standby.instanceId },
        wait,
        signal: ctx.signal,
        journal: await cliJournal(ctx),
        rerun: rerunCommand(ctx),
        onEvent: eventPrinter(ctx, progress),
      }),
    );
    progress.stop();
    const summary = {
      status: result.outcome === 'accepted' ? 'removing' : 'removed',
      outcome: result.outcome,
      primary: { instance_id: result.primary.instanceId, job_id: result.primary.jobId ?? null },
      standby: { instance_id: result.standby.instanceId, job_id: result.standby.jobId ?? null },
    };
    ctx.out.data(ctx.out.machine ? { ...summary, resumed: result.resumed, notes: result.notes, steps: result.steps } : summary);
    if (result.outcome === 'already-done') ctx.out.success(`Nothing to do: ${primary.instanceId} and ${standby.instanceId} are not in a DR relationship.`);
    else if (result.outcome === 'completed') ctx.out.success(`The DR relationship between ${primary.instanceId} and ${standby.instanceId} is removed.`);
  } finally {
    progress.stop();
  }
}
