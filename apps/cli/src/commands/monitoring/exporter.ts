// `hcdr exporter --config <file> [--listen 127.0.0.1:9464]`: the Prometheus exporter of
// @hcdr/dr-ops/monitoring as a long-running process. Runs until SIGINT/SIGTERM (exit 0). Logs go to
// stderr, one timestamped line per state change (first poll, failure, throttling, recovery).
import type { Command } from 'commander';
import type { ExporterEvent, ScopeIdentity } from '@hcdr/dr-ops/monitoring';
import type { AppContext, Runtime } from '../../context.js';
import { formatDuration } from '../../io/duration.js';
import { printDryRun } from '../../io/dry-run.js';
import { terminalSafe } from '../../io/sanitize.js';
import { InputChecks } from '../../validation/checks.js';
import { action, examples } from '../shared.js';
import { mapMonitoringErrors } from './config-errors.js';
import { scopeClientOptions } from './scope-options.js';
import { VERSION } from '../../version.js';

export const CONFIG_HELP = `
Config file (YAML):
  interval: 30s          poll each scope this often (5s..1d, ±10 % jitter)
  timeout: 10s           per API request
  concurrency: 4         API calls in flight at once, over all scopes
  rpo_objective: 60s     default objective (GeminiDB 60s, DWS two sync periods)
  listen: 127.0.0.1:9464
  scopes:
    - { service: geminidb, region: ap-southeast-1, project_id: <id>, profile: prod-sg }
    - { service: dws, region: cn-north-4, credentials_file: dws.credentials, interval: 1m }
  Credentials: a scope's profile or credentials_file (chmod 600; relative to the config file), else
  --credentials-file, else HUAWEICLOUD_SDK_AK/SK. Never in the config: sk, secret_access_key, token,
  password ... are refused.
`;

export function registerExporter(command: Command, runtime: Runtime): void {
  examples(
    command
      .requiredOption('--config <file>', 'exporter config (YAML): scopes, interval, objectives')
      .option('--listen <host:port>', 'address to serve /metrics and /healthz on (default: the config\'s listen, else 127.0.0.1:9464)')
      .option('--check', 'validate the config and resolve every scope (credentials, project, endpoint), then exit; sends nothing')
      .addHelpText('after', CONFIG_HELP)
      .action(
        action<{ config: string; listen?: string; check?: boolean }>(runtime, async (ctx, o) => {
          const c = new InputChecks();
          const file = c.required('--config', o.config);
          c.done();
          if (ctx.globals.dryRun) {
            // Like every --dry-run: reads no file and no credentials, sends nothing.
            printDryRun(ctx, [], [
              'the exporter sends only read requests (listInstances, showPauseResumeStutus, showInstanceRole, listDisasterRecover, showDisasterDetail, showDisasterProgress), per scope, every interval',
              'validate the config and resolve every scope without sending anything: hcdr exporter --config <file> --check',
            ]);
            return;
          }
          await mapMonitoringErrors(() => runExporter(ctx, file, o.listen, o.check === true));
        }),
      ),
    'hcdr exporter --config exporter.yaml --check                   # validate, resolve credentials, exit',
    'hcdr exporter --config /etc/hcdr/exporter.yaml',
    'hcdr exporter --config exporter.yaml --listen 0.0.0.0:9464     # every interface: put it behind a firewall',
  );
}

async function runExporter(ctx: AppContext, file: string, listenFlag: string | undefined, check: boolean): Promise<void> {
  const monitoring = await import('@hcdr/dr-ops/monitoring');
  const config = await monitoring.loadExporterConfig(file);
  const listen = listenFlag ?? config.listen ?? monitoring.DEFAULT_LISTEN;
  monitoring.parseListenAddress(listen); // refuse a bad address before resolving anything
  const exporter = await monitoring.createExporter({
    config,
    clientOptions: scopeClientOptions(ctx),
    version: VERSION,
    logger: (event) => log(ctx, event),
  });
  if (check) {
    ctx.out.data(
      exporter.scopes.map(({ poller, config: s }) => ({
        service: poller.identity.service,
        region: poller.identity.region,
        project_id: poller.identity.projectId,
        interval: formatDuration(s.intervalMs),
        rpo_objective: s.rpoObjectiveSeconds === undefined ? 'default' : formatDuration(s.rpoObjectiveSeconds * 1000),
      })),
    );
    ctx.out.success(`${file}: ${exporter.scopes.length} scope(s) resolved; nothing was sent`);
    return;
  }
  await exporter.listen(listen);
  exporter.start();
  // Until Ctrl-C / SIGTERM: stopping is the normal way out (exit 0).
  ctx.runtime.servesUntilSignal?.();
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) return resolve();
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await exporter.close();
  line(ctx, 'stopped');
}

const where = (s: ScopeIdentity) => `${s.service} ${s.region} (project ${s.projectId})`;

function line(ctx: AppContext, text: string, always = false): void {
  const stamped = `${new Date(ctx.runtime.now()).toISOString()} hcdr exporter: ${terminalSafe(text)}`;
  if (always) ctx.term.stderr.write(`${stamped}\n`);
  else ctx.out.info(stamped);
}

function log(ctx: AppContext, e: ExporterEvent): void {
  switch (e.type) {
    case 'listening':
      line(ctx, `listening on ${e.url} (/metrics, /healthz)`);
      if (!e.loopback) line(ctx, `warning: ${e.url} is reachable from other machines; anyone who can reach it reads resource IDs and DR state`, true);
      return;
    case 'first-poll':
      line(ctx, `${where(e.scope)}: ${e.resources} DR resource(s), first poll took ${formatDuration(e.durationMs)}`);
      return;
    case 'poll-failed':
      line(ctx, `${where(e.scope)}: poll failed: ${e.code}: ${e.message}; next poll in ${formatDuration(e.nextPollInMs)} (metrics keep the last values)`, true);
      return;
    case 'throttled':
      line(
        ctx,
        `${where(e.scope)}: throttled by the API (${e.code}${e.retryAfterMs === undefined ? '' : `, Retry-After ${formatDuration(e.retryAfterMs)}`}); next poll in ${formatDuration(e.nextPollInMs)}`,
        true,
      );
      return;
    case 'recovered':
      line(ctx, `${where(e.scope)}: polling again after ${e.failedPolls} failed poll(s)`, true);
      return;
  }
}
