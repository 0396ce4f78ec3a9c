// `hcdr geminidb dr pair` / `dr unpair`: the two-sided set-up and tear-down. This file parses and
// validates flags, inspects the instances (port 8635, node IPs, spec, existing DR peer), prints each
// step, and turns a stop into "what was done" plus the exact command that resumes. The orchestration
// itself is in src/workflows/ (library tier, unit-tested with injected fetch).
import type { Command } from 'commander';
import type { GeminiDbClient } from '@hcdr/geminidb';
import { connectionArgs, geminiDbClient, globalConnection, type Connection } from '../../config/client-options.js';
import { checkEndpoint, type AppContext, type Runtime } from '../../context.js';
import { confirm } from '../../io/confirm.js';
import { createDryRunRecorder, printDryRun, type DryRunRecorder } from '../../io/dry-run.js';
import { CliError, describeError, exitCodeFor, UsageError, type InputProblem } from '../../io/errors.js';
import { EXIT } from '../../io/exit-codes.js';
import type { Progress } from '../../io/progress.js';
import { readSecret, secretFlagsFor } from '../../io/secrets.js';
import { renderCommand } from '../../io/shell.js';
import { collectList, InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import type { InstanceDescription, PairStep } from '../../workflows/pair.js';
import type { StepRecord, WorkflowEvent } from '../../workflows/types.js';
import type { UnpairStep } from '../../workflows/unpair.js';
import { action, addPasswordOptions, addWaitOptions, examples, readWaitSettings, short, type PasswordFlags, type WaitFlags, type WaitSettings } from '../shared.js';
import { passwordRequest } from './dr.js';
import { pollTiming } from './job-wait.js';

const WAIT_DEFAULT = '30m';
/** Refusals after listInstances: a read was sent, nothing was changed. */
const AFTER_READ = { note: 'only listInstances was called; nothing was changed' };
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
  primaryJob?: string;
  standbyJob?: string;
  [key: string]: unknown;
}

/** --primary-region, --standby-profile, ...: one connection per side, defaulting to the global flags. */
function addSideConnectionOptions(command: Command): Command {
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

function sideConnection(ctx: AppContext, c: InputChecks, o: Record<string, unknown>, side: SideName): Connection {
  const f = sideFlags(o, side);
  const g = ctx.globals;
  return {
    region: c.optional(`--${side}-region`, f.region, rules.regionCode) ?? g.region,
    projectId: c.optional(`--${side}-project-id`, f.projectId, rules.id) ?? g.projectId,
    profile: c.optional(`--${side}-profile`, f.profile) ?? g.profile,
    configFile: g.configFile,
    credentialsFile: c.optional(`--${side}-credentials-file`, f.credentialsFile) ?? g.credentialsFile,
    endpoint: (f.endpoint !== undefined ? checkEndpoint(c, `--${side}-endpoint`, f.endpoint) : undefined) ?? g.endpoint,
  };
}

/** Global + per-side connection flags that reproduce this run (for resume commands). */
function connectionFlags(ctx: AppContext, o: Record<string, unknown>): string[] {
  const args = connectionArgs(globalConnection(ctx));
  for (const side of ['primary', 'standby'] as const) {
    const f = sideFlags(o, side);
    args.push(...connectionArgs({ region: f.region, projectId: f.projectId, profile: f.profile, credentialsFile: f.credentialsFile, endpoint: f.endpoint }, side));
  }
  if (ctx.globals.output === 'json') args.push('--output', 'json');
  return args;
}

/** Prints workflow events: step lines (→ start, ✔ done, - skipped, ✖ failed) and live job progress. */
function stepPrinter<S extends string>(ctx: AppContext, progress: Progress) {
  const p = ctx.paint;
  return (event: WorkflowEvent<S>) => {
    if (event.type === 'job') {
      progress.update(event.jobId, {
        label: `${event.side} job ${short(event.jobId)}`,
        status: event.status,
        progress: event.progress,
        done: event.phase !== 'pending',
        ok: event.phase === 'success',
      });
      return;
    }
    if (ctx.globals.quiet && event.status !== 'failed') return;
    const detail = event.detail ? Object.entries(event.detail).map(([k, v]) => `${k}=${v}`).join(' ') : '';
    const text =
      event.status === 'start'
        ? `${p.cyan('→')} ${event.description}`
        : event.status === 'done'
          ? `  ${p.green('✔')} ${event.description}${detail ? p.dim(`  ${detail}`) : ''}`
          : event.status === 'skipped'
            ? `  ${p.dim(`- skipped ${event.step}: ${event.detail?.reason ?? ''}`)}`
            : `  ${p.red('✖')} ${event.description}`;
    progress.line(text);
  };
}

function printSteps<S extends string>(ctx: AppContext, steps: readonly StepRecord<S>[], failed: S): void {
  const p = ctx.paint;
  ctx.term.stderr.write(`${p.bold('Done so far:')}\n`);
  if (steps.length === 0) ctx.term.stderr.write('  (nothing)\n');
  for (const s of steps) {
    const detail = s.detail ? Object.entries(s.detail).map(([k, v]) => `${k}=${v}`).join(' ') : '';
    ctx.term.stderr.write(`  ${s.status === 'done' ? p.green('✔') : p.dim('-')} ${s.step}${s.status === 'skipped' ? ' (skipped)' : ''}${detail ? `  ${detail}` : ''}\n`);
  }
  ctx.term.stderr.write(`  ${p.red('✖')} ${failed}\n`);
}

function waitOptions(settings: WaitSettings) {
  return settings.enabled ? pollTiming(settings) : (false as const);
}

// ------------------------------------------------------------------------------------------------

export function registerPair(dr: Command, runtime: Runtime): void {
  const pair = dr
    .command('pair')
    .description('Set up a DR relationship: precheck both instances, construct the primary side, construct the standby side with the DR ID, wait for both jobs')
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
    .option('--resume <dr-id>', 'continue a pairing that stopped: the primary side of this DR ID is already constructed')
    .option('--primary-job <job-id>', "with --resume: the primary's construction job, to wait for it")
    .option('--standby-job <job-id>', "with --resume: the standby's construction job (the standby side is also done; only wait)");
  addSideConnectionOptions(pair);
  addPasswordOptions(pair, 'DR password (used on both sides)');
  addWaitOptions(pair, WAIT_DEFAULT, { defaultWait: true });
  examples(
    pair,
    '# Both instances in one account, different regions; the password comes from a file:',
    `hcdr geminidb dr pair --primary ${A} --primary-region ap-southeast-1 --primary-subnet-cidr 10.0.1.0/24 --primary-vpc-cidr 10.0.0.0/16 \\\n      --standby ${B} --standby-region ap-southeast-3 --standby-subnet-cidr 10.1.1.0/24 --standby-vpc-cidr 10.1.0.0/16 \\\n      --alias video-dr --password-file ./dr-password`,
    '# Different accounts: one profile per side, password from the environment:',
    `HCDR_DR_PASSWORD=... hcdr geminidb dr pair --primary ${A} --primary-profile prod-sg --standby ${B} --standby-profile dr-jkt ... --alias video-dr`,
    '# Resume after a stop (the failed run prints this command):',
    `hcdr geminidb dr pair ... --resume <dr-id> --primary-job <job-id> --password-file ./dr-password`,
  );
  pair.action(action<PairFlags>(runtime, async (ctx, o) => runPair(ctx, o)));

  const unpair = dr
    .command('unpair')
    .description('Remove a DR relationship: deconstruction precheck on both instances, deconstruction on both, wait for both jobs')
    .requiredOption('--primary <instance-id>', 'one instance of the pair (roles do not matter)')
    .requiredOption('--standby <instance-id>', 'the other instance of the pair')
    .option('--primary-job <job-id>', "resume: the primary's deconstruction already started (skip it, wait for this job)")
    .option('--standby-job <job-id>', "resume: the standby's deconstruction already started (skip it, wait for this job)");
  addSideConnectionOptions(unpair);
  addWaitOptions(unpair, WAIT_DEFAULT, { defaultWait: true });
  examples(
    unpair,
    `hcdr geminidb dr unpair --primary ${A} --primary-region ap-southeast-1 --standby ${B} --standby-region ap-southeast-3 --yes`,
    `hcdr geminidb dr unpair --primary ${A} --standby ${B} --primary-job <job-id> --yes   # resume after a stop`,
  );
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

async function runPair(ctx: AppContext, o: PairFlags): Promise<void> {
  const c = new InputChecks();
  const alias = c.required('--alias', o.alias, rules.nonEmpty);
  const plan = (name: SideName): SidePlan => ({
    name,
    conn: sideConnection(ctx, c, o, name),
    instanceId: c.required(`--${name}`, o[name] as string, rules.id),
    subnetCidrs: c.list(`--${name}-subnet-cidr`, o[`${name}SubnetCidr`] as string[] | undefined, { required: true }, rules.drCidr),
    vpcCidr: c.required(`--${name}-vpc-cidr`, o[`${name}VpcCidr`] as string | undefined, rules.drCidr),
    nodeIps: c.list(`--${name}-node-ips`, o[`${name}NodeIps`] as string[] | undefined, {}, rules.ipv4),
    specCode: c.optional(`--${name}-spec-code`, o[`${name}SpecCode`] as string | undefined),
  });
  const primary = plan('primary');
  const standby = plan('standby');
  if (primary.instanceId !== '' && primary.instanceId === standby.instanceId) c.fail('--standby', 'must be a different instance than --primary');
  const resumeId = c.optional('--resume', o.resume, rules.id);
  const primaryJob = c.optional('--primary-job', o.primaryJob, rules.id);
  const standbyJob = c.optional('--standby-job', o.standbyJob, rules.id);
  if (!resumeId && (primaryJob || standbyJob)) c.fail(primaryJob ? '--primary-job' : '--standby-job', 'applies only with --resume <dr-id>');
  const settings = readWaitSettings(c, { ...o, wait: o.wait !== false }, WAIT_DEFAULT);
  c.done();

  const passwordReq = passwordRequest(o, ctx.globals.dryRun, true);
  const stdinTaken = [ctx.globals.credentialsFile, ...(['primary', 'standby'] as const).map((s) => sideFlags(o, s).credentialsFile)].includes('-');
  const password = await readSecret(ctx.term, passwordReq, stdinTaken);
  const resume = resumeId ? { disasterRecoveryId: resumeId, primaryJobId: primaryJob, standbyJobId: standbyJob } : undefined;

  const recorder = ctx.globals.dryRun ? await createDryRunRecorder() : undefined;
  const [primaryClient, standbyClient] = await Promise.all([geminiDbClient(ctx, primary.conn, recorder), geminiDbClient(ctx, standby.conn, recorder)]);
  const notes: string[] = [];
  const primaryDesc = await describeSide(ctx, primary, primaryClient, o, { resume, recorder, notes });
  const standbyDesc = await describeSide(ctx, standby, standbyClient, o, { resume, recorder, notes });

  const { pairInstances, PairWorkflowError } = await import('../../workflows/pair.js');
  const progress = ctx.progress();
  if (!recorder) {
    ctx.out.info(
      `Pairing ${ctx.paint.bold(primary.instanceId)} (${primaryDesc.regionCode}, primary) with ${ctx.paint.bold(standby.instanceId)} (${standbyDesc.regionCode}, standby) as "${alias}"` +
        (resume ? `, resuming DR ${resume.disasterRecoveryId}` : ''),
    );
  }
  try {
    const result = await pairInstances({
      primary: { ...primaryDesc, client: primaryClient },
      standby: { ...standbyDesc, client: standbyClient },
      alias,
      password: password.value,
      resume,
      wait: recorder ? false : waitOptions(settings),
      signal: ctx.signal,
      onEvent: recorder ? undefined : stepPrinter<PairStep>(ctx, progress),
    });
    progress.stop();
    if (recorder) {
      printDryRun(ctx, recorder.requests, [...notes, 'after the constructions, both jobs would be polled with listJobs until they complete']);
      return;
    }
    // Table mode: the steps were already narrated on stderr; stdout gets the summary only.
    const summary = {
        status: result.completed ? 'active' : 'constructing',
        disaster_recovery_id: result.disasterRecoveryId,
        alias: result.alias,
        primary: { instance_id: result.primary.instanceId, region: result.primary.regionCode, job_id: result.primary.jobId ?? null, job_status: result.primary.job?.status ?? null },
        standby: { instance_id: result.standby.instanceId, region: result.standby.regionCode, job_id: result.standby.jobId ?? null, job_status: result.standby.job?.status ?? null },
    };
    ctx.out.data(ctx.out.format === 'json' ? { ...summary, steps: result.steps } : summary);
    const statusCmd = renderCommand(['hcdr', 'geminidb', 'dr', 'status', primary.instanceId, ...connectionArgs(primary.conn)]);
    if (result.completed) ctx.out.success(`DR relationship ${result.disasterRecoveryId} is active. Watch it with: ${statusCmd} --watch`);
    else {
      const jobs = [result.primary.jobId, result.standby.jobId].filter((j): j is string => !!j);
      ctx.out.info(`Both constructions were accepted. Follow the jobs with: ${renderCommand(['hcdr', 'geminidb', 'jobs', 'wait', ...jobs, ...connectionArgs(standby.conn)])}`);
    }
  } catch (error) {
    progress.stop();
    if (!(error instanceof PairWorkflowError)) throw error;
    const resumeArgs = error.resume
      ? [
          'hcdr', 'geminidb', 'dr', 'pair',
          '--primary', primary.instanceId, '--standby', standby.instanceId, '--alias', alias,
          ...primary.subnetCidrs.flatMap((x) => ['--primary-subnet-cidr', x]), '--primary-vpc-cidr', primary.vpcCidr,
          ...standby.subnetCidrs.flatMap((x) => ['--standby-subnet-cidr', x]), '--standby-vpc-cidr', standby.vpcCidr,
          ...(o.primaryNodeIps?.length ? ['--primary-node-ips', primary.nodeIps.join(',')] : []),
          ...(o.standbyNodeIps?.length ? ['--standby-node-ips', standby.nodeIps.join(',')] : []),
          ...(primary.specCode && o.primarySpecCode ? ['--primary-spec-code', primary.specCode] : []),
          ...(standby.specCode && o.standbySpecCode ? ['--standby-spec-code', standby.specCode] : []),
          ...(o.skipPortCheck ? ['--skip-port-check'] : []),
          ...connectionFlags(ctx, o),
          '--resume', error.resume.disasterRecoveryId,
          ...(error.resume.primaryJobId ? ['--primary-job', error.resume.primaryJobId] : []),
          ...(error.resume.standbyJobId ? ['--standby-job', error.resume.standbyJobId] : []),
          ...secretFlagsFor(password.source, passwordReq).args,
          ...(o.waitTimeout && o.waitTimeout !== WAIT_DEFAULT ? ['--wait-timeout', o.waitTimeout] : []),
          ...(o.pollInterval ? ['--poll-interval', o.pollInterval] : []),
        ]
      : undefined;
    reportWorkflowStop(ctx, error, error.steps, resumeArgs, resumeArgs ? secretFlagsFor(password.source, passwordReq).note : undefined, {
      disaster_recovery_id: error.state.disasterRecoveryId ?? null,
      primary_job_id: error.state.primaryJobId ?? null,
      standby_job_id: error.state.standbyJobId ?? null,
    });
  }
}

/** Fills what the other side's requests need about this instance, checking it first (unless dry-run). */
async function describeSide(
  ctx: AppContext,
  side: SidePlan,
  client: GeminiDbClient,
  o: PairFlags,
  extra: { resume: { disasterRecoveryId: string; standbyJobId?: string | undefined } | undefined; recorder: DryRunRecorder | undefined; notes: string[] },
): Promise<InstanceDescription> {
  const flag = `--${side.name}`;
  let region = client.config.region;
  let nodeIps = side.nodeIps;
  let specCode = side.specCode;
  if (extra.recorder) {
    const missing = [nodeIps.length ? undefined : 'node IPs', specCode ? undefined : 'spec code', region ? undefined : 'region'].filter(Boolean);
    if (missing.length) extra.notes.push(`the ${side.name}'s ${missing.join(', ')} would be read with listInstances first (placeholders shown)`);
    return {
      instanceId: side.instanceId,
      regionCode: region ?? `<region of ${side.instanceId}>`,
      subnetCidrs: side.subnetCidrs,
      vpcCidr: side.vpcCidr,
      nodeIps: nodeIps.length ? nodeIps : [`<node IPs of ${side.instanceId}>`],
      specCode: specCode ?? `<spec code of ${side.instanceId}>`,
    };
  }

  const { inspectInstance, DR_PORT } = await import('../../workflows/inspect.js');
  const facts = await inspectInstance(client, side.instanceId, ctx.signal);
  const problems: InputProblem[] = [];
  if (!facts) {
    throw new UsageError([{ flag, message: `instance ${side.instanceId} was not found in ${region ?? 'the selected region'} (project ${client.config.projectId}); check --${side.name}-region / --${side.name}-project-id` }], AFTER_READ);
  }
  if (facts.port !== undefined && facts.port !== DR_PORT && !o.skipPortCheck) {
    problems.push({ flag, message: `instance ${side.instanceId} listens on port ${facts.port}, but a DR relationship requires port ${DR_PORT} on both instances (use --skip-port-check to try anyway)` });
  }
  const alreadyConstructed = side.name === 'primary' ? extra.resume !== undefined : extra.resume?.standbyJobId !== undefined;
  if (facts.drInstanceId && !alreadyConstructed) {
    problems.push({
      flag,
      message:
        side.name === 'primary'
          ? `instance ${side.instanceId} is already in a DR relationship (peer ${facts.drInstanceId}); remove it with \`hcdr geminidb dr unpair\`, or continue a stopped pairing with --resume <dr-id>`
          : `instance ${side.instanceId} is already in a DR relationship (peer ${facts.drInstanceId}); if its construction was accepted in a stopped run, pass --standby-job <job-id>`,
    });
  }
  if (problems.length) throw new UsageError(problems, AFTER_READ);
  if (facts.actions.length) ctx.out.warn(`instance ${side.instanceId} is busy (${facts.actions.join(', ')}); the API may answer 409 until that finishes.`);

  region ??= facts.region;
  if (!region) throw new UsageError([{ flag: `--${side.name}-region`, message: `is required: the region of ${side.instanceId} could not be determined` }], AFTER_READ);
  if (facts.region && facts.region !== region) ctx.out.warn(`instance ${side.instanceId} reports region ${facts.region}, but requests go to ${region}.`);
  if (nodeIps.length === 0) nodeIps = facts.nodeIps;
  else if (facts.nodeIps.length && [...nodeIps].sort().join() !== [...facts.nodeIps].sort().join()) {
    ctx.out.warn(`--${side.name}-node-ips differs from the node IPs listInstances reports (${facts.nodeIps.join(', ')}).`);
  }
  if (nodeIps.length === 0) throw new UsageError([{ flag: `--${side.name}-node-ips`, message: `is required: listInstances reports no node IPs for ${side.instanceId}` }], AFTER_READ);
  specCode ??= facts.specCode;
  if (!specCode) throw new UsageError([{ flag: `--${side.name}-spec-code`, message: `is required: the node spec code of ${side.instanceId} could not be determined` }], AFTER_READ);
  return { instanceId: side.instanceId, regionCode: region, subnetCidrs: side.subnetCidrs, vpcCidr: side.vpcCidr, nodeIps, specCode };
}

/** "What was done" + resume command on stderr; a JSON summary on stdout with -o json. Then exits. */
function reportWorkflowStop<S extends string>(
  ctx: AppContext,
  error: Error & { step: S; kind: 'failed' | 'timeout' | 'aborted'; advice: readonly string[]; cause?: unknown },
  steps: readonly StepRecord<S>[],
  resumeArgs: string[] | undefined,
  resumeNote: string | undefined,
  state: Record<string, string | null>,
): never {
  const cause = error.cause;
  const code = error.kind === 'timeout' ? EXIT.waitTimeout : error.kind === 'aborted' ? EXIT.interrupted : cause !== undefined ? exitCodeFor(cause) : EXIT.failure;
  const causeText = cause !== undefined ? describeError(cause) : undefined;
  ctx.out.error(error.message);
  if (causeText?.hint) ctx.term.stderr.write(`hint: ${causeText.hint}\n`);
  printSteps(ctx, steps, error.step);
  for (const line of error.advice) ctx.term.stderr.write(`${line}\n`);
  const resumeCommand = resumeArgs ? renderCommand(resumeArgs) : undefined;
  if (resumeCommand) {
    ctx.term.stderr.write(`${ctx.paint.bold('Resume with:')}\n  ${resumeCommand}\n`);
    if (resumeNote) ctx.term.stderr.write(`  (${resumeNote})\n`);
  }
  if (ctx.out.format === 'json') {
    ctx.out.data({ status: error.kind === 'timeout' ? 'timeout' : error.kind === 'aborted' ? 'interrupted' : 'failed', failed_step: error.step, message: error.message, ...state, steps, resume_command: resumeCommand ?? null });
  }
  // Already reported in full: the binary only sets the exit code.
  throw new CliError('', code === EXIT.ok ? EXIT.failure : code);
}

// ---- unpair ------------------------------------------------------------------------------------

async function runUnpair(ctx: AppContext, o: PairFlags): Promise<void> {
  const c = new InputChecks();
  const primary = { conn: sideConnection(ctx, c, o, 'primary'), instanceId: c.required('--primary', o.primary, rules.id) };
  const standby = { conn: sideConnection(ctx, c, o, 'standby'), instanceId: c.required('--standby', o.standby, rules.id) };
  if (primary.instanceId !== '' && primary.instanceId === standby.instanceId) c.fail('--standby', 'must be a different instance than --primary');
  const primaryJob = c.optional('--primary-job', o.primaryJob, rules.id);
  const standbyJob = c.optional('--standby-job', o.standbyJob, rules.id);
  const settings = readWaitSettings(c, { ...o, wait: o.wait !== false }, WAIT_DEFAULT);
  c.done();
  await confirm(ctx.term, ctx.paint, ctx.globals, {
    action: `remove the DR relationship between GeminiDB instances ${primary.instanceId} and ${standby.instanceId}`,
    details: ['Both instances keep their data and serve on their own; replication stops for good.'],
  });

  const recorder = ctx.globals.dryRun ? await createDryRunRecorder() : undefined;
  const [primaryClient, standbyClient] = await Promise.all([geminiDbClient(ctx, primary.conn, recorder), geminiDbClient(ctx, standby.conn, recorder)]);
  if (!recorder) {
    const { inspectInstance } = await import('../../workflows/inspect.js');
    const problems: InputProblem[] = [];
    for (const [side, client, other, job] of [
      ['primary', primaryClient, standby.instanceId, primaryJob],
      ['standby', standbyClient, primary.instanceId, standbyJob],
    ] as const) {
      if (job) continue;
      const id = side === 'primary' ? primary.instanceId : standby.instanceId;
      const facts = await inspectInstance(client, id, ctx.signal);
      if (!facts) problems.push({ flag: `--${side}`, message: `instance ${id} was not found; check --${side}-region / --${side}-project-id` });
      else if (facts.drInstanceId && facts.drInstanceId !== other) {
        problems.push({ flag: `--${side}`, message: `instance ${id} is paired with ${facts.drInstanceId}, not with ${other}; refusing to break a different pair` });
      }
    }
    if (problems.length) throw new UsageError(problems, AFTER_READ);
  }

  const { unpairInstances, UnpairWorkflowError } = await import('../../workflows/unpair.js');
  const progress = ctx.progress();
  try {
    const result = await unpairInstances({
      primary: { instanceId: primary.instanceId, client: primaryClient },
      standby: { instanceId: standby.instanceId, client: standbyClient },
      resume: { primaryJobId: primaryJob, standbyJobId: standbyJob },
      wait: recorder ? false : waitOptions(settings),
      signal: ctx.signal,
      onEvent: recorder ? undefined : stepPrinter<UnpairStep>(ctx, progress),
    });
    progress.stop();
    if (recorder) {
      printDryRun(ctx, recorder.requests, ['after the deconstructions, both jobs would be polled with listJobs until they complete']);
      return;
    }
    const summary = {
        status: result.completed ? 'removed' : 'removing',
        primary: { instance_id: result.primary.instanceId, job_id: result.primary.jobId ?? null, job_status: result.primary.job?.status ?? null },
        standby: { instance_id: result.standby.instanceId, job_id: result.standby.jobId ?? null, job_status: result.standby.job?.status ?? null },
    };
    ctx.out.data(ctx.out.format === 'json' ? { ...summary, steps: result.steps } : summary);
    if (result.completed) ctx.out.success(`The DR relationship between ${primary.instanceId} and ${standby.instanceId} is removed.`);
  } catch (error) {
    progress.stop();
    if (!(error instanceof UnpairWorkflowError)) throw error;
    const started = error.resume.primaryJobId !== undefined || error.resume.standbyJobId !== undefined;
    const resumeArgs = started
      ? [
          'hcdr', 'geminidb', 'dr', 'unpair', '--primary', primary.instanceId, '--standby', standby.instanceId,
          ...connectionFlags(ctx, o),
          ...(error.resume.primaryJobId ? ['--primary-job', error.resume.primaryJobId] : []),
          ...(error.resume.standbyJobId ? ['--standby-job', error.resume.standbyJobId] : []),
          ...(o.waitTimeout && o.waitTimeout !== WAIT_DEFAULT ? ['--wait-timeout', o.waitTimeout] : []),
          ...(o.pollInterval ? ['--poll-interval', o.pollInterval] : []),
          ...(ctx.globals.yes ? ['--yes'] : []),
        ]
      : undefined;
    reportWorkflowStop(ctx, error, error.steps, resumeArgs, undefined, { primary_job_id: error.state.primaryJobId ?? null, standby_job_id: error.state.standbyJobId ?? null });
  }
}

