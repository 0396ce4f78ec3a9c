// `hcdr geminidb dr status`: data-synchronisation status, lag and RPO/RTO of a DR pair, once or
// repeatedly with --watch (bounded by --count or Ctrl-C; the interval is --interval).
import type { Command } from 'commander';
import { geminiDbClient, globalConnection } from '../../config/client-options.js';
import type { AppContext, Runtime } from '../../context.js';
import { createDryRunRecorder, printDryRun } from '../../io/dry-run.js';
import { renderTable } from '../../io/output.js';
import { timestamp } from '../../io/progress.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { action, examples } from '../shared.js';

interface SyncStatus {
  master_instance_id?: string;
  slave_instance_id?: string;
  status?: string;
  data_sync_indicators?: Record<string, number | undefined>;
  rto_and_rpo_indicators?: { scene: string; rpo?: number; rto?: number }[];
}

/** The human view: what an operator looks at during a drill (lag, backlog, RPO/RTO). */
export function summarise(s: SyncStatus, sampledAt?: number): Record<string, unknown> {
  const i = s.data_sync_indicators ?? {};
  const scene = (name: string) => s.rto_and_rpo_indicators?.find((x) => x.scene === name);
  const sw = scene('SWITCHOVER');
  const fo = scene('FAILOVER');
  const secs = (v: number | undefined) => (v === undefined ? undefined : `${v}s`);
  const summary: Record<string, unknown> = {
    ...(sampledAt !== undefined ? { time: timestamp(sampledAt) } : {}),
    status: s.status,
    primary: s.master_instance_id,
    standby: s.slave_instance_id,
    syncing: i.rsync_status === undefined ? undefined : i.rsync_status === 1 ? 'yes' : 'no',
    'backlog (MB)': i.rsync_wal_size,
    'throughput (ops/s)': i.rsync_ops,
    'push latency (µs)': i.rsync_push_cost === undefined ? undefined : `${i.rsync_push_cost} (max ${i.rsync_max_push_cost ?? '?'})`,
    'send latency (µs)': i.rsync_send_cost === undefined ? undefined : `${i.rsync_send_cost} (max ${i.rsync_max_send_cost ?? '?'})`,
    'switchover RPO/RTO': sw ? `${secs(sw.rpo) ?? '?'} / ${secs(sw.rto) ?? '?'}` : undefined,
    'failover RPO/RTO': fo ? `${secs(fo.rpo) ?? '?'} / ${secs(fo.rto) ?? '?'}` : undefined,
  };
  return Object.fromEntries(Object.entries(summary).filter(([, v]) => v !== undefined));
}

export function registerStatus(dr: Command, runtime: Runtime): void {
  examples(
    dr
      .command('status')
      .description('Show DR data-synchronisation status, lag (backlog) and RPO/RTO; RPO/RTO appear when asked on the primary')
      .argument('<instance-id>', 'an instance of the pair (the primary also reports RPO/RTO)')
      .option('--watch', 'refresh until Ctrl-C or --count samples (JSON: one line per sample)')
      .option('--interval <duration>', 'time between samples with --watch', '5s')
      .option('--count <n>', 'stop after this many samples with --watch')
      .action(
        action<{ watch?: boolean; interval: string; count?: string }>(runtime, async (ctx, o, [id]) => {
          const c = new InputChecks();
          const instanceId = c.required('<instance-id>', id as string, rules.id);
          const intervalMs = c.duration('--interval', o.interval, { min: 100, max: 3_600_000 }) ?? 5000;
          const count = c.integer('--count', o.count, rules.integer({ min: 1, max: 1_000_000 }));
          if (!o.watch && o.count !== undefined) c.fail('--count', 'applies only with --watch');
          c.done();
          await showStatus(ctx, instanceId, { watch: o.watch === true, intervalMs, count });
        }),
      ),
    'hcdr geminidb dr status a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12',
    'hcdr geminidb dr status a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12 --watch --interval 10s',
    'hcdr geminidb dr status a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12 --watch --count 3 -o json   # NDJSON, one object per sample',
  );
}

async function showStatus(ctx: AppContext, instanceId: string, options: { watch: boolean; intervalMs: number; count: number | undefined }): Promise<void> {
  if (ctx.globals.dryRun) {
    const recorder = await createDryRunRecorder();
    const client = await geminiDbClient(ctx, globalConnection(ctx), recorder);
    await client.showPauseResumeStutus({ instance_id: instanceId });
    printDryRun(ctx, recorder.requests, options.watch ? [`--watch would repeat this request every ${options.intervalMs / 1000}s`] : []);
    return;
  }
  const client = await geminiDbClient(ctx);
  const read = async () => (await client.showPauseResumeStutus({ instance_id: instanceId }, { signal: ctx.signal })) as SyncStatus;

  if (!options.watch) {
    const data = await read();
    if (ctx.out.machine) ctx.out.data(data);
    else ctx.out.data(summarise(data));
    return;
  }

  // A redraw in place needs a terminal on stdout; otherwise samples are appended (logs, pipes).
  const redraw = ctx.out.format === 'table' && ctx.term.stdout.isTTY === true && ctx.term.env.TERM !== 'dumb';
  let previousLines = 0;
  ctx.out.info(`Watching ${instanceId} every ${options.intervalMs / 1000}s${options.count ? ` (${options.count} samples)` : ''}; Ctrl-C stops.`);
  for (let n = 1; ; n++) {
    let data: SyncStatus;
    try {
      data = await read();
    } catch (error) {
      // Ctrl-C during a request ends the watch (the binary then exits 130, or 143 for SIGTERM).
      if (ctx.signal.aborted) return;
      throw error;
    }
    const now = ctx.runtime.now();
    if (ctx.out.machine) ctx.out.sample({ sampled_at: new Date(now).toISOString(), ...data });
    else {
      const text = renderTable(summarise(data, now), {}, ctx.out.paint);
      if (redraw && previousLines > 0) ctx.term.stdout.write(`\u001b[${previousLines}A\u001b[0J`);
      ctx.term.stdout.write(redraw ? text : `${text}\n`);
      previousLines = text.split('\n').length - 1;
    }
    if (options.count !== undefined && n >= options.count) return;
    if (!(await sleep(options.intervalMs, ctx.signal))) return;
  }
}

/** false when aborted: Ctrl-C ends a watch (runCli turns the signal into exit 130 / 143). */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
