// `hcdr ops list | show | forget` and `hcdr doctor`: what the journal remembers about DR operations
// (state, and what running the same command again would do), and a scan of the live API state for
// what interrupted operations left behind, with fixes applied after confirmation.
import type { Command } from 'commander';
import type { OperationSummary } from '@hcdr/dr-ops';
import { dwsClient, geminiDbClient, globalConnection } from '../../config/client-options.js';
import type { AppContext, Runtime } from '../../context.js';
import { confirm } from '../../io/confirm.js';
import { CliError, UsageError } from '../../io/errors.js';
import { EXIT } from '../../io/exit-codes.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { action, examples } from '../shared.js';
import { cliJournal, eventPrinter } from '../workflow-output.js';

export function registerOps(ops: Command, runtime: Runtime): void {
  examples(ops, 'hcdr ops list', 'hcdr ops list --all -o json', 'hcdr ops show <id>');
  examples(
    ops
      .command('list')
      .description('List journaled DR operations: state, last update, and what running the same command again would do')
      .option('--all', 'also list finished operations (default: only those not finished)')
      .action(
        action<{ all?: boolean }>(runtime, async (ctx, o) => {
          const dr = await import('@hcdr/dr-ops');
          const journal = await cliJournal(ctx);
          const all = await journal.list();
          const shown = o.all ? all : all.filter((s) => s.state === 'in-progress' || s.state === 'accepted');
          const rows = shown.map((s) => row(dr.operationKeyString(s.key), s, dr.rerunWouldDo(s)));
          if (ctx.out.machine) ctx.out.data({ state_dir: journal.location, operations: rows });
          else ctx.out.data({ operations: rows }, { list: 'operations', columns: ['id', 'state', 'updated', 'rerun_would'], empty: o.all ? 'No journaled operations.' : 'No unfinished operations (--all lists finished ones too).' });
        }),
      ),
    'hcdr ops list',
    'hcdr ops list --all -o json',
  );

  examples(
    ops
      .command('show')
      .description('Show one journaled operation: its parameters (no secrets), every intent and outcome, and how to finish it')
      .argument('<id>', 'operation ID from `hcdr ops list` (a unique prefix is enough)')
      .action(
        action(runtime, async (ctx, _o, [id]) => {
          if (localOnly(ctx)) return;
          const { summary, dr, journal } = await find(ctx, id as string);
          const { records, warnings } = await journal.read(summary.key);
          for (const w of warnings) ctx.out.warn(w);
          const base = row(dr.operationKeyString(summary.key), summary, dr.rerunWouldDo(summary));
          if (ctx.out.machine) ctx.out.data({ ...base, params: summary.begin?.params ?? null, location: summary.location ?? null, records });
          else {
            ctx.out.data(base);
            for (const r of records) ctx.term.stderr.write(`${r.at}  ${describeRecord(r)}\n`);
          }
        }),
      ),
    'hcdr ops show geminidb.pair+a1b2',
  );

  examples(
    ops
      .command('forget')
      .description('Delete the journal of one operation (the live state is not touched)')
      .argument('<id>', 'operation ID from `hcdr ops list`')
      .action(
        action(runtime, async (ctx, _o, [id]) => {
          if (localOnly(ctx)) return;
          const { summary, dr, journal } = await find(ctx, id as string);
          await confirm(ctx.term, ctx.paint, ctx.globals, { action: `forget the journal of ${dr.operationKeyString(summary.key)} (${summary.state})`, details: ['Re-running its command then relies on the live state alone.'] });
          await journal.remove?.(summary.key);
          ctx.out.success(`Forgot ${dr.operationKeyString(summary.key)}.`);
        }),
      ),
    'hcdr ops forget geminidb.pair+a1b2 --yes',
  );
}

export function registerDoctor(doctor: Command, runtime: Runtime): void {
  examples(
    doctor
      .option('--fix', 'apply the fixes after confirmation (--yes when not on a terminal)')
      .option('--service <service>', 'geminidb | dws | all', 'all')
      .action(
        action<{ fix?: boolean; service: string }>(runtime, async (ctx, o) => {
          const c = new InputChecks();
          const service = c.required('--service', o.service, rules.oneOf(['geminidb', 'dws', 'all']));
          c.done();
          if (ctx.globals.dryRun) {
            ctx.out.info('--dry-run: doctor would read listInstances and listJobs (GeminiDB) and listDisasterRecover (DWS), and with --fix send the fixes it lists; nothing was sent.');
            return;
          }
          const dr = await import('@hcdr/dr-ops');
          const conn = globalConnection(ctx);
          const findings = await dr.diagnose({
            geminidb: service === 'dws' ? [] : [await geminiDbClient(ctx, conn)],
            dws: service === 'geminidb' ? [] : [await dwsClient(ctx, conn)],
            journal: await cliJournal(ctx),
            signal: ctx.signal,
          });
          const rows = findings.map((f) => ({ service: f.service, resource: f.resource, kind: f.kind, problem: f.problem, fix: f.fix ? f.action : `by hand: ${f.action}`, rerun: f.rerun ?? null }));
          ctx.out.data({ findings: rows }, { list: 'findings', columns: ['service', 'resource', 'kind', 'fix'], empty: 'Nothing left behind: no half-built relationships or stuck tasks.' });
          for (const f of findings) ctx.out.info(`${f.resource}: ${f.problem}${f.rerun ? ` It was built by: ${f.rerun}` : ''}`);
          const fixable = findings.filter((f) => f.fix);
          if (!o.fix) {
            if (fixable.length) ctx.out.info(`Run with --fix to ${fixable.length === 1 ? 'apply the fix' : `apply ${fixable.length} fixes`}.`);
            return;
          }
          if (fixable.length === 0) return;
          await confirm(ctx.term, ctx.paint, ctx.globals, { action: `apply ${fixable.length} fix(es)`, details: fixable.map((f) => `${f.resource}: ${f.action}`) });
          const progress = ctx.progress();
          let failed = 0;
          for (const f of fixable) {
            try {
              await f.fix?.({ signal: ctx.signal, journal: await cliJournal(ctx), onEvent: eventPrinter(ctx, progress) });
              ctx.out.success(`${f.resource}: fixed.`);
            } catch (error) {
              failed++;
              ctx.out.failure(`${f.resource}: ${error instanceof Error ? error.message : String(error)}`);
            }
          }
          progress.stop();
          if (failed) throw new CliError(`${failed} fix(es) failed; run hcdr doctor again to see what is left.`, EXIT.failure);
        }),
      ),
    'hcdr doctor --region ap-southeast-1',
    'hcdr doctor --region ap-southeast-1 --fix --yes',
  );
}

/** ops commands read (and forget) only the local journal: there is no request to dry-run. */
function localOnly(ctx: AppContext): boolean {
  if (ctx.globals.dryRun) ctx.out.info('--dry-run: ops commands only read the local journal and send no request; nothing was done.');
  return ctx.globals.dryRun;
}

function row(id: string, s: OperationSummary, rerunWould: string) {
  return {
    id,
    operation: s.key.kind,
    targets: s.key.targets.join(' '),
    state: s.state,
    started: s.startedAt ?? null,
    updated: s.updatedAt ?? null,
    pending_call: s.pendingCall ? `${s.pendingCall.call} on ${s.pendingCall.target}` : null,
    rerun_would: rerunWould,
    rerun: s.begin?.rerun ?? null,
  };
}

async function find(ctx: AppContext, id: string) {
  const dr = await import('@hcdr/dr-ops');
  const journal = await cliJournal(ctx);
  const all = await journal.list();
  const matches = all.filter((s) => dr.operationKeyString(s.key).startsWith(id));
  if (matches.length === 0) throw new UsageError([{ flag: '<id>', message: `no journaled operation starts with ${JSON.stringify(id)} (see hcdr ops list --all)` }]);
  if (matches.length > 1) throw new UsageError([{ flag: '<id>', message: `${JSON.stringify(id)} matches ${matches.length} operations; give more of the ID` }]);
  return { summary: matches[0]!, dr, journal };
}

function describeRecord(r: import('@hcdr/dr-ops').JournalRecord): string {
  switch (r.type) {
    case 'begin':
      return `begin ${r.kind} ${r.targets.join(' ')} (pid ${r.pid} on ${r.host})`;
    case 'intent':
      return `intent  ${r.step}: ${r.call} on ${r.target}`;
    case 'outcome':
      return `outcome ${r.step}: ${r.result}${r.jobId ? ` job ${r.jobId}` : ''}${r.drId ? ` dr ${r.drId}` : ''}${r.taskId ? ` task ${r.taskId}` : ''}${r.requestId ? ` request ${r.requestId}` : ''}${r.error ? ` (${r.error.code ?? r.error.status ?? ''} ${r.error.message})` : ''}`;
    case 'note':
      return `note    ${r.message}`;
    case 'end':
      return `end     ${r.status}${r.message ? `: ${r.message}` : ''}`;
  }
}
