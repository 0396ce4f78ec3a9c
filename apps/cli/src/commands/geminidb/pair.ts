// `hcdr geminidb dr pair` / `dr unpair`: flags → @hcdr/dr-ops workflow → output. The workflows
// (network lookup, prechecks, constructions, waits, port/peer checks, resume) live in the library;
// this file parses flags, reads the DR password, builds the clients of each side (GeminiDB, and VPC
// for the lookup) and prints what happens. Both are journaled under the state directory: running
// the same command again after any interruption finishes it, and says so when there is nothing left
// to do.
import type { Command } from 'commander';
import type { GeminiDbPairSide, PairSideNetwork } from '@hcdr/dr-ops';
import { connectionArgs, geminiDbClient, vpcClient, type Connection } from '../../config/client-options.js';
import { checkEndpoint, type AppContext, type Runtime } from '../../context.js';
import { confirm } from '../../io/confirm.js';
import { createDryRunRecorder, printDryRun } from '../../io/dry-run.js';
import { CliError } from '../../io/errors.js';
import { EXIT } from '../../io/exit-codes.js';
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
  const flag = { instanceId: '', subnetCidrs: '-subnet-cidr', vpcCidr: '-vpc-cidr', nodeIps: '-node-ips', specCode: '-spec-code', regionCode: '-region', client: '-region', vpc: '-region' }[tail] ?? `-${tail}`;
  return `--${side}${flag}`;
}

/** The network flags as overrides: what is not given is looked up (listInstances, showSubnet, showVpc). */
export function addNetworkOverrideOptions(command: Command): Command {
  for (const side of ['primary', 'standby'] as const) {
    command
      .option(`--${side}-subnet-cidr <cidrs>`, `override: CIDR blocks of the ${side}'s subnets (default: looked up with showSubnet; not 192.*/172.*; repeat or comma-separate)`, collectList)
      .option(`--${side}-vpc-cidr <cidr>`, `override: CIDR block of the ${side}'s VPC (default: looked up with showVpc)`);
  }
  return command;
}

/** A network value with where it came from, in the user's terms (`--primary-vpc-cidr`, `showSubnet 8e7d… in ap-southeast-1`). */
export function describeFound(v: { value: string | string[]; source: PairSideNetwork['vpcCidr']['source'] }): string {
  const value = Array.isArray(v.value) ? v.value.join(', ') : v.value;
  const from = v.source.kind === 'given' ? pairFlagOf(v.source.field) : `${v.source.operation} ${v.source.resourceId}${v.source.region ? ` in ${v.source.region}` : ''}`;
  return `${value} (${v.source.kind === 'given' ? 'given as' : 'read with'} ${from})`;
}

/** JSON shape of a side's discovered network: values and where each came from. */
export function networkJson(n: PairSideNetwork) {
  const item = (v: { value: unknown; source: PairSideNetwork['vpcCidr']['source'] } | undefined) =>
    v === undefined ? null : { value: v.value, source: v.source.kind === 'given' ? { given_as: pairFlagOf(v.source.field) } : { operation: v.source.operation, id: v.source.resourceId, region: v.source.region ?? null } };
  return { instance_id: n.instanceId, region: n.region ?? null, subnet_cidrs: item(n.subnetCidrs), vpc_cidr: item(n.vpcCidr), node_ips: item(n.nodeIps), spec_code: item(n.specCode) };
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
    .requiredOption('--alias <alias>', 'alias of the DR relationship');
  addNetworkOverrideOptions(pair)
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
    '# Both instances in one account, different regions; subnets, VPCs and nodes are looked up; the password comes from a file:',
    `hcdr geminidb dr pair --primary ${A} --primary-region ap-southeast-1 --standby ${B} --standby-region ap-southeast-3 \\\n      --alias video-dr --password-file ./dr-password`,
    '# See what would be sent, with the networks found (reads only; needs credentials):',
    `hcdr geminidb dr pair --primary ${A} --primary-region ap-southeast-1 --standby ${B} --standby-region ap-southeast-3 --alias video-dr --dry-run`,
    '# Give a CIDR block instead of looking it up (an override):',
    `hcdr geminidb dr pair --primary ${A} --primary-region ap-southeast-1 --primary-vpc-cidr 10.0.0.0/16 --standby ${B} --standby-region ap-southeast-3 --alias video-dr`,
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

export interface SidePlan {
  name: SideName;
  conn: Connection;
  instanceId: string;
  /** Overrides; undefined = looked up. */
  subnetCidrs: string[] | undefined;
  vpcCidr: string | undefined;
  nodeIps: string[];
  specCode: string | undefined;
}

export function readPairSide(ctx: AppContext, c: InputChecks, o: Record<string, unknown>, name: SideName, instanceFlag: string = name): SidePlan {
  return {
    name,
    conn: sideConnection(ctx, c, o, name),
    instanceId: c.required(`--${instanceFlag}`, o[instanceFlag.replace(/-([a-z])/g, (_m, x: string) => x.toUpperCase())] as string, rules.id),
    subnetCidrs: o[`${name}SubnetCidr`] === undefined ? undefined : c.list(`--${name}-subnet-cidr`, o[`${name}SubnetCidr`] as string[] | undefined, { required: true }, rules.drCidr),
    vpcCidr: c.optional(`--${name}-vpc-cidr`, o[`${name}VpcCidr`] as string | undefined, rules.drCidr),
    nodeIps: c.list(`--${name}-node-ips`, o[`${name}NodeIps`] as string[] | undefined, {}, rules.ipv4),
    specCode: c.optional(`--${name}-spec-code`, o[`${name}SpecCode`] as string | undefined),
  };
}

export function pairSide(plan: SidePlan, client: GeminiDbPairSide['client'], vpc?: GeminiDbPairSide['vpc']): GeminiDbPairSide {
  return {
    client,
    ...(vpc ? { vpc } : {}),
    instanceId: plan.instanceId,
    ...(plan.subnetCidrs ? { subnetCidrs: plan.subnetCidrs } : {}),
    ...(plan.vpcCidr ? { vpcCidr: plan.vpcCidr } : {}),
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
    const found = await discoverForPreview(ctx, primary, standby);
    const recorder = await createDryRunRecorder();
    const [pc, sc] = await Promise.all([geminiDbClient(ctx, primary.conn, recorder), geminiDbClient(ctx, standby.conn, recorder)]);
    const side = (plan: SidePlan, client: GeminiDbPairSide['client'], network: PairSideNetwork | undefined) =>
      network ? dr.withNetwork(pairSide(plan, client), network, { withNodes: true }) : pairSide(plan, client);
    const notes = await runWorkflow(ctx, pairFlagOf, () =>
      dr.previewPairGeminiDb({ primary: side(primary, pc, found.network?.primary), standby: side(standby, sc, found.network?.standby), alias, password: password.value }),
    );
    printDryRun(
      ctx,
      recorder.requests,
      [
        'before sending, both instances are read (listInstances, listJobs, roles) and only what is missing is done; a re-run finishes an interrupted pairing',
        ...found.notes,
        ...notes,
        'after the constructions, both jobs are polled with listJobs until they complete',
      ],
      found.network ? { discovered: { primary: networkJson(found.network.primary), standby: networkJson(found.network.standby) } } : {},
      { readsSent: found.reads === true },
    );
    return;
  }

  const [pc, sc, pv, sv] = await Promise.all([geminiDbClient(ctx, primary.conn), geminiDbClient(ctx, standby.conn), lookupClient(ctx, primary), lookupClient(ctx, standby)]);
  const progress = ctx.progress();
  ctx.out.info(`Pairing ${ctx.paint.bold(primary.instanceId)} (primary) with ${ctx.paint.bold(standby.instanceId)} (standby) as "${alias}"`);
  try {
    const result = await runWorkflow(
      ctx,
      pairFlagOf,
      async () =>
        dr.pairGeminiDb({
          primary: pairSide(primary, pc, pv),
          standby: pairSide(standby, sc, sv),
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
    // The human view has the network in the step lines; JSON/YAML carry it with every source.
    const network = result.network ? { network: Object.fromEntries(Object.entries(result.network).map(([k, n]) => [k, n ? networkJson(n) : null])) } : {};
    ctx.out.data(ctx.out.machine ? { ...summary, ...network, resumed: result.resumed, notes: result.notes, steps: result.steps } : summary);
    const statusCmd = renderCommand(['hcdr', 'geminidb', 'dr', 'status', primary.instanceId, ...connectionArgs(primary.conn)]);
    if (result.outcome === 'already-done') ctx.out.success(`Nothing to do: the DR relationship is already active. Watch it with: ${statusCmd} --watch`);
    else if (result.outcome === 'completed') ctx.out.success(`DR relationship ${result.disasterRecoveryId ?? ''} is active. Watch it with: ${statusCmd} --watch`.replace('  ', ' '));
    else ctx.out.info(`Both constructions were accepted. Run the same command again to wait for them.`);
  } finally {
    progress.stop();
  }
}

/** A VPC client for a side whose CIDR blocks must be looked up (none when both are given). */
export async function lookupClient(ctx: AppContext, plan: SidePlan) {
  return plan.subnetCidrs && plan.vpcCidr ? undefined : vpcClient(ctx, plan.conn);
}

/**
 * --dry-run: the lookup a real run would make (reads only: listInstances, showSubnet, showVpc), so
 * the requests shown carry the real blocks, node IPs and spec code. Without usable credentials
 * (a dry run needs none) the values stay placeholders and a note says why.
 */
export async function discoverForPreview(
  ctx: AppContext,
  primary: SidePlan,
  standby: SidePlan,
  names: { primary: string; standby: string } = { primary: 'primary', standby: 'standby' },
): Promise<{ network?: { primary: PairSideNetwork; standby: PairSideNetwork }; reads?: boolean; notes: string[] }> {
  const dr = await import('@hcdr/dr-ops');
  let clients: [GeminiDbPairSide['client'], GeminiDbPairSide['client'], GeminiDbPairSide['vpc'], GeminiDbPairSide['vpc']];
  try {
    clients = await Promise.all([geminiDbClient(ctx, primary.conn), geminiDbClient(ctx, standby.conn), vpcClient(ctx, primary.conn), vpcClient(ctx, standby.conn)]);
  } catch (error) {
    if (!(error instanceof CliError) || error.exitCode !== EXIT.config) throw error;
    const reason = error.message.split('\n')[0] ?? '';
    return { notes: [`the networks were not looked up (that needs credentials: ${reason.replace(/^error: /, '')}); placeholders shown`] };
  }
  const [pc, sc, pv, sv] = clients;
  let failure: string | undefined;
  const network = await runWorkflow(ctx, pairFlagOf, async () => {
    try {
      return await dr.discoverGeminiDbPairNetwork({ primary: pairSide(primary, pc, pv), standby: pairSide(standby, sc, sv), signal: ctx.signal, names });
    } catch (error) {
      // A lookup that could not be made (network, permissions) leaves placeholders; a refusal by the
      // DR rules is the answer the dry run is for, and ends it like a real run would.
      if (!dr.isDrOperationError(error) || error.kind !== 'failed') throw error;
      failure = error.message;
      return undefined;
    }
  });
  if (!network) return { notes: [`the networks could not be looked up (${failure ?? 'unknown error'}); placeholders shown`] };
  const line = (name: string, n: PairSideNetwork) =>
    `${name} ${n.instanceId}: subnets ${describeFound(n.subnetCidrs)}; VPC ${describeFound(n.vpcCidr)}${n.nodeIps ? `; nodes ${describeFound(n.nodeIps)}` : ''}${n.specCode ? `; spec ${describeFound(n.specCode)}` : ''}`;
  return {
    network,
    reads: true,
    notes: [`discovered (read-only lookups were sent): ${line('primary', network.primary)}`, `discovered: ${line('standby', network.standby)}`],
  };
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
