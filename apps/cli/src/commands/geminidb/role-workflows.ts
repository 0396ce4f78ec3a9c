// `hcdr geminidb dr switchover | failover | recover | pause | resume`: the journaled, goal-directed
// workflows of @hcdr/dr-ops, given both instances (--primary = the current primary, --standby = the
// current standby, each with its own --primary-* / --standby-* connection). Running the same
// command again after any interruption finishes it, or says the goal is already reached.
// `switchover`, `failover`, `pause` and `resume` still accept the old positional form (one API call
// per instance, no journal) for scripts that use it.
import type { Command } from 'commander';
import type { GeminiDbSide } from '@hcdr/dr-ops';
import { geminiDbClient, type Connection } from '../../config/client-options.js';
import type { AppContext, Runtime } from '../../context.js';
import { confirm } from '../../io/confirm.js';
import { readSecret } from '../../io/secrets.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { action, addPasswordOptions, addWaitOptions, examples, readWaitSettings, short, type PasswordFlags, type WaitFlags } from '../shared.js';
import { cliJournal, eventPrinter, rerunCommand, runWorkflow } from '../workflow-output.js';
import { passwordRequest } from './dr.js';
import { pollTiming } from './job-wait.js';
import { addNetworkOverrideOptions, addSideConnectionOptions, lookupClient, pairFlagOf, pairSide, readPairSide, sideConnection, stdinTakenByCredentials } from './pair.js';
import { runGeminiDb } from './run.js';

const WAIT_DEFAULT = '30m';
const A = 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12';
const B = 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12';

interface SidesFlags extends WaitFlags {
  primary?: string;
  standby?: string;
  oneCall?: boolean;
  [key: string]: unknown;
}

interface Sides {
  primary: { conn: Connection; instanceId: string };
  standby: { conn: Connection; instanceId: string };
}

function readSides(ctx: AppContext, c: InputChecks, o: SidesFlags): Sides {
  const primary = { conn: sideConnection(ctx, c, o, 'primary'), instanceId: c.required('--primary', o.primary, rules.id) };
  const standby = { conn: sideConnection(ctx, c, o, 'standby'), instanceId: c.required('--standby', o.standby, rules.id) };
  if (primary.instanceId !== '' && primary.instanceId === standby.instanceId) c.fail('--standby', 'must be a different instance than --primary');
  return { primary, standby };
}

async function clientsFor(ctx: AppContext, sides: Sides): Promise<{ primary: GeminiDbSide; standby: GeminiDbSide }> {
  const [pc, sc] = await Promise.all([geminiDbClient(ctx, sides.primary.conn), geminiDbClient(ctx, sides.standby.conn)]);
  return { primary: { client: pc, instanceId: sides.primary.instanceId }, standby: { client: sc, instanceId: sides.standby.instanceId } };
}

/** --wait and --no-wait both exist: the workflow forms wait unless --no-wait, the old forms only with --wait. */
function addBothWaitOptions(command: Command): Command {
  return addWaitOptions(command, WAIT_DEFAULT).option('--no-wait', 'with --primary/--standby: return once the calls are accepted');
}

/** --primary/--standby (and their connections) and the wait flags of the workflow form; refuses a positional ID as well. */
function readWorkflowFlags(ctx: AppContext, o: SidesFlags, id: unknown) {
  const c = new InputChecks();
  if (id !== undefined) c.fail('<instance-id>', 'give either <instance-id> (one call) or --primary and --standby, not both');
  const sides = readSides(ctx, c, o);
  const wait = waitFor(c, o);
  c.done();
  return { sides, wait };
}

function waitFor(c: InputChecks, o: WaitFlags & { wait?: boolean }) {
  const settings = readWaitSettings(c, { ...o, wait: o.wait !== false }, WAIT_DEFAULT);
  return settings.enabled ? pollTiming(settings) : (false as const);
}

/** The journal, events and signal every workflow call here gets. */
async function common(ctx: AppContext, wait: ReturnType<typeof waitFor>) {
  const progress = ctx.progress();
  return { progress, options: { wait, signal: ctx.signal, journal: await cliJournal(ctx), rerun: rerunCommand(ctx), onEvent: eventPrinter(ctx, progress) } };
}

function dryRunNotice(ctx: AppContext, what: string): void {
  ctx.out.info(`--dry-run: ${what} reads both instances first and sends only what the live state needs; nothing was sent.`);
}

export function registerRoleWorkflows(dr: Command, runtime: Runtime): void {
  // ---- switchover -----------------------------------------------------------------------------
  const switchover = dr
    .command('switchover')
    .description('Planned switchover: --standby becomes primary, --primary standby (demote, then promote; waits for both). Safe to run again. The old form `switchover <instance-id>` sends the one-call switchover only')
    .argument('[instance-id]', 'old form: swap the roles of this instance’s pair with one call (no journal)')
    .option('--primary <instance-id>', 'the current primary (becomes the standby)')
    .option('--standby <instance-id>', 'the current standby (becomes the primary)')
    .option('--one-call', 'use the one-call switchover API (PUT …/disaster-recovery/switchover) instead of demote + promote');
  addSideConnectionOptions(switchover);
  addBothWaitOptions(switchover);
  examples(
    switchover,
    `hcdr geminidb dr switchover --primary ${A} --primary-region ap-southeast-1 --standby ${B} --standby-region ap-southeast-3 --yes`,
    `hcdr geminidb dr switchover ${A} --yes   # old form: one call, no resume`,
  );
  switchover.action(
    action<SidesFlags>(runtime, async (ctx, o, [id]) => {
      if (id !== undefined && o.primary === undefined && o.standby === undefined) return legacyJob(ctx, o, id as string, 'switchover');
      const { sides, wait } = readWorkflowFlags(ctx, o, id);
      await confirm(ctx.term, ctx.paint, ctx.globals, {
        action: `switch over: make ${sides.standby.instanceId} the primary and ${sides.primary.instanceId} the standby`,
        details: ['Writes pause on the old primary until the new one is promoted; clients must follow the new primary.'],
      });
      if (ctx.globals.dryRun) return dryRunNotice(ctx, 'a switchover');
      const dr = await import('@hcdr/dr-ops');
      const clients = await clientsFor(ctx, sides);
      const { progress, options } = await common(ctx, wait);
      try {
        const r = await runWorkflow(ctx, pairFlagOf, () => dr.switchoverGeminiDb({ ...clients, method: o.oneCall ? 'one-call' : 'two-step', ...options }));
        progress.stop();
        ctx.out.data({ status: r.outcome === 'accepted' ? 'switching' : 'switched', outcome: r.outcome, primary: r.primaryInstanceId, standby: sides.primary.instanceId, sync_status: r.syncStatus ?? null, ...(ctx.out.machine ? { resumed: r.resumed, notes: r.notes, steps: r.steps } : {}) });
        if (r.outcome === 'already-done') ctx.out.success(`Nothing to do: ${r.primaryInstanceId} is already the primary.`);
        else if (r.outcome === 'completed') ctx.out.success(`${r.primaryInstanceId} is the primary now.`);
      } finally {
        progress.stop();
      }
    }),
  );

  // ---- failover -------------------------------------------------------------------------------
  const failover = dr
    .command('failover')
    .description('Failover: force --standby to become primary while --primary is unavailable (only the standby is called). Safe to run again. The old form `failover <instance-id>` sends the call only')
    .argument('[instance-id]', 'old form: force this standby to primary with one call (no journal)')
    .option('--primary <instance-id>', 'the failed primary (not called; identifies the pair)')
    .option('--standby <instance-id>', 'the standby that becomes the primary');
  addSideConnectionOptions(failover);
  addBothWaitOptions(failover);
  examples(failover, `hcdr geminidb dr failover --primary ${A} --standby ${B} --standby-region ap-southeast-3 --yes`, `hcdr geminidb dr failover ${B} --yes   # old form`);
  failover.action(
    action<SidesFlags>(runtime, async (ctx, o, [id]) => {
      if (id !== undefined && o.primary === undefined && o.standby === undefined) return legacyJob(ctx, o, id as string, 'failover');
      const { sides, wait } = readWorkflowFlags(ctx, o, id);
      await confirm(ctx.term, ctx.paint, ctx.globals, {
        action: `FAIL OVER to GeminiDB instance ${sides.standby.instanceId}`,
        details: ['Use only when the primary is down. Data not yet replicated is lost.', 'Afterwards, `hcdr geminidb dr recover` rebuilds the pair with the old primary as standby.'],
      });
      if (ctx.globals.dryRun) return dryRunNotice(ctx, 'a failover');
      const dr = await import('@hcdr/dr-ops');
      const clients = await clientsFor(ctx, sides);
      const { progress, options } = await common(ctx, wait);
      try {
        const r = await runWorkflow(ctx, pairFlagOf, () => dr.failoverGeminiDb({ ...clients, ...options }));
        progress.stop();
        ctx.out.data({ status: r.outcome === 'accepted' ? 'failing-over' : 'failed-over', outcome: r.outcome, primary: r.primaryInstanceId, ...(ctx.out.machine ? { resumed: r.resumed, notes: r.notes, steps: r.steps } : {}) });
        if (r.outcome === 'already-done') ctx.out.success(`Nothing to do: ${r.primaryInstanceId} is already the primary.`);
        else if (r.outcome === 'completed') ctx.out.success(`${r.primaryInstanceId} is the primary now. Rebuild DR with: hcdr geminidb dr recover --primary ${sides.standby.instanceId} --standby ${sides.primary.instanceId} ...`);
      } finally {
        progress.stop();
      }
    }),
  );

  // ---- recover --------------------------------------------------------------------------------
  const recover = dr
    .command('recover')
    .description('After a failover: remove the broken relationship and pair again with --primary (the instance that took over) as primary and --standby (the repaired old primary) as standby. Safe to run again')
    .requiredOption('--primary <instance-id>', 'the instance that took over (stays primary)')
    .requiredOption('--standby <instance-id>', 'the old primary, repaired (becomes the standby)')
    .requiredOption('--alias <alias>', 'alias of the rebuilt relationship');
  addNetworkOverrideOptions(recover).option('--skip-port-check', 'do not refuse instances whose port is not 8635');
  addSideConnectionOptions(recover);
  addPasswordOptions(recover, 'DR password of the rebuilt relationship');
  addWaitOptions(recover, WAIT_DEFAULT, { defaultWait: true });
  examples(
    recover,
    `hcdr geminidb dr recover --primary ${B} --primary-region ap-southeast-3 --standby ${A} --standby-region ap-southeast-1 --alias video-dr --password-file ./dr-password --yes`,
    '# subnets and VPCs are looked up; give --primary-subnet-cidr / --standby-vpc-cidr ... to override',
  );
  recover.action(
    action<SidesFlags & PasswordFlags & { alias: string; skipPortCheck?: boolean }>(runtime, async (ctx, o) => {
      const c = new InputChecks();
      const alias = c.required('--alias', o.alias, rules.nonEmpty);
      const primary = readPairSide(ctx, c, o, 'primary');
      const standby = readPairSide(ctx, c, o, 'standby');
      if (primary.instanceId !== '' && primary.instanceId === standby.instanceId) c.fail('--standby', 'must be a different instance than --primary');
      const wait = waitFor(c, o);
      c.done();
      await confirm(ctx.term, ctx.paint, ctx.globals, {
        action: `rebuild DR with ${primary.instanceId} as primary and ${standby.instanceId} as standby`,
        details: [`The relationship is removed on both instances first; ${standby.instanceId}'s data is then synchronised again from ${primary.instanceId}.`],
      });
      const password = await readSecret(ctx.term, passwordRequest(o, ctx.globals.dryRun, true), stdinTakenByCredentials(ctx, o));
      if (ctx.globals.dryRun) return dryRunNotice(ctx, 'a recovery');
      const dr = await import('@hcdr/dr-ops');
      const [pc, sc, pv, sv] = await Promise.all([geminiDbClient(ctx, primary.conn), geminiDbClient(ctx, standby.conn), lookupClient(ctx, primary), lookupClient(ctx, standby)]);
      const { progress, options } = await common(ctx, wait);
      try {
        const r = await runWorkflow(ctx, pairFlagOf, () =>
          dr.recoverGeminiDb({ newPrimary: pairSide(primary, pc, pv), oldPrimary: pairSide(standby, sc, sv), alias, password: password.value, skipPortCheck: o.skipPortCheck === true, ...options }),
        );
        progress.stop();
        ctx.out.data({ status: 'active', outcome: r.outcome, disaster_recovery_id: r.disasterRecoveryId ?? null, primary: primary.instanceId, standby: standby.instanceId, sync_status: r.syncStatus ?? null, ...(ctx.out.machine ? { resumed: r.resumed, notes: r.notes, steps: r.steps } : {}) });
        ctx.out.success(r.outcome === 'already-done' ? 'Nothing to do: the relationship is healthy.' : `${primary.instanceId} is primary, ${standby.instanceId} its standby.`);
      } finally {
        progress.stop();
      }
    }),
  );

  // ---- pause / resume -------------------------------------------------------------------------
  for (const verb of ['pause', 'resume'] as const) {
    const cmd = dr
      .command(verb)
      .description(`${verb === 'pause' ? 'Pause' : 'Resume'} DR data synchronisation on both instances (--primary and --standby) and wait until it is ${verb === 'pause' ? 'SUSPENDED' : 'SYNCING'}. Safe to run again. The old form takes instance IDs and sends one call each`)
      .argument('[instance-ids...]', 'old form: the instances to call (no journal)')
      .option('--primary <instance-id>', 'one instance of the pair')
      .option('--standby <instance-id>', 'the other instance');
    addSideConnectionOptions(cmd);
    addBothWaitOptions(cmd);
    examples(cmd, `hcdr geminidb dr ${verb} --primary ${A} --primary-region ap-southeast-1 --standby ${B} --standby-region ap-southeast-3`, `hcdr geminidb dr ${verb} ${A} ${B} --wait   # old form`);
    cmd.action(
      action<SidesFlags>(runtime, async (ctx, o, [ids]) => {
        const list = (ids as string[] | undefined) ?? [];
        if (list.length > 0 && o.primary === undefined && o.standby === undefined) return legacySync(ctx, o, list, verb);
        const c = new InputChecks();
        if (list.length > 0) c.fail('<instance-ids...>', 'give either instance IDs (old form) or --primary and --standby, not both');
        const sides = readSides(ctx, c, o);
        const wait = waitFor(c, o);
        c.done();
        if (ctx.globals.dryRun) return dryRunNotice(ctx, `a ${verb}`);
        const dr = await import('@hcdr/dr-ops');
        const clients = await clientsFor(ctx, sides);
        const { progress, options } = await common(ctx, wait);
        try {
          const run = verb === 'pause' ? dr.pauseGeminiDb : dr.resumeGeminiDb;
          const r = await runWorkflow(ctx, pairFlagOf, () => run({ ...clients, ...options }));
          progress.stop();
          ctx.out.data({ status: r.syncStatus ?? null, outcome: r.outcome, ...(ctx.out.machine ? { resumed: r.resumed, notes: r.notes, steps: r.steps } : {}) });
          ctx.out.success(r.outcome === 'already-done' ? `Nothing to do: synchronisation is already ${r.syncStatus}.` : `Synchronisation is ${r.syncStatus ?? 'changing'}.`);
        } finally {
          progress.stop();
        }
      }),
    );
  }
}

/** The old single-call forms, unchanged: one API call, --wait optional, no journal. */
async function legacyJob(ctx: AppContext, o: WaitFlags, id: string, kind: 'switchover' | 'failover'): Promise<void> {
  const c = new InputChecks();
  const instanceId = c.required('<instance-id>', id, rules.id);
  const wait = readWaitSettings(c, { ...o, wait: o.wait === true }, WAIT_DEFAULT);
  c.done();
  if (kind === 'switchover') {
    await confirm(ctx.term, ctx.paint, ctx.globals, { action: `switch over the DR pair of GeminiDB instance ${instanceId}`, details: ['The primary becomes the standby and vice versa; clients must follow the new primary.'] });
    await runGeminiDb(ctx, { operationId: 'switchOverDisasterRecovery', wait, calls: [{ label: `switchover of ${short(instanceId)}`, input: { instance_id: instanceId } }] });
    return;
  }
  await confirm(ctx.term, ctx.paint, ctx.globals, {
    action: `FAIL OVER to GeminiDB instance ${instanceId}`,
    details: ['Use only when the primary is down. Data not yet replicated is lost.', 'The old primary must be deconstructed or repaired before the pair is rebuilt.'],
  });
  await runGeminiDb(ctx, { operationId: 'switchToMaster', wait, calls: [{ label: `failover of ${short(instanceId)}`, input: { instance_id: instanceId, body: { force: true } } }] });
}

async function legacySync(ctx: AppContext, o: WaitFlags, ids: string[], verb: 'pause' | 'resume'): Promise<void> {
  const c = new InputChecks();
  const instanceIds = c.list('<instance-ids...>', ids, { required: true }, rules.id);
  const wait = readWaitSettings(c, { ...o, wait: o.wait === true }, WAIT_DEFAULT);
  c.done();
  await runGeminiDb(ctx, {
    operationId: 'pauseResumeDataSynchronization',
    wait,
    calls: instanceIds.map((instanceId) => ({ label: `${verb} on ${short(instanceId)}`, input: { instance_id: instanceId, body: { action: verb } } })),
  });
}

