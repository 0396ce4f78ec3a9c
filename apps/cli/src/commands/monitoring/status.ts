// `hcdr status [--all]`: every DR relationship and task of a set of scopes, problems first, as a
// table or JSON. The scopes come from an exporter config (--config), the profile file (--all: every
// profile, or --profiles), or the current connection (--region / env / profile) without --all.
import type { Command } from 'commander';
import type { ExporterConfig, FleetReport, MonitoredService } from '@hcdr/dr-ops/monitoring';
import type { ServiceEndpoints } from '@hcdr/core';
import { serviceDescriptor } from '../../config/client-options.js';
import type { AppContext, Runtime } from '../../context.js';
import { printDryRun } from '../../io/dry-run.js';
import { CliError } from '../../io/errors.js';
import { EXIT } from '../../io/exit-codes.js';
import { InputChecks } from '../../validation/checks.js';
import { action, examples } from '../shared.js';
import { mapMonitoringErrors } from './config-errors.js';
import { scopeClientOptions } from './scope-options.js';

interface StatusFlags {
  all?: boolean;
  config?: string;
  profiles?: string;
  service?: string;
}

const ALL_SERVICES: readonly MonitoredService[] = ['geminidb', 'dws'];

export function registerStatus(command: Command, runtime: Runtime): void {
  examples(
    command
      .option('--all', 'every scope: of --config, else every profile of the profile file (or --profiles)')
      .option('--config <file>', 'take the scopes from this exporter config (YAML, as for hcdr exporter)')
      .option('--profiles <names>', 'with --all: only these profiles (comma-separated)')
      .option('--service <list>', 'geminidb, dws or both (comma-separated; default both)')
      .action(action<StatusFlags>(runtime, async (ctx, o) => mapMonitoringErrors(() => showStatus(ctx, o), o.config !== undefined ? '--config' : '--config-file'))),
    'hcdr status --all --config exporter.yaml',
    'hcdr status --all                                   # every profile in ~/.hcdr/config.json',
    'hcdr status --all --profiles prod-sg,prod-bj -o json',
    'hcdr status --region ap-southeast-1 --service geminidb',
  );
}

async function showStatus(ctx: AppContext, o: StatusFlags): Promise<void> {
  const c = new InputChecks();
  const services = (o.service ?? 'geminidb,dws').split(',').map((s) => s.trim());
  for (const s of services) if (!ALL_SERVICES.includes(s as MonitoredService)) c.fail('--service', `"${s.slice(0, 40)}" must be geminidb, dws or both (comma-separated)`);
  const profiles = o.profiles?.split(',').map((p) => p.trim()).filter(Boolean);
  if (o.profiles !== undefined && !o.all) c.fail('--profiles', 'applies only with --all');
  if (o.profiles !== undefined && o.config !== undefined) c.fail('--profiles', 'cannot be combined with --config (the config lists the scopes)');
  c.done();
  if (ctx.globals.dryRun) {
    // Like every --dry-run: reads no file and no credentials, sends nothing.
    printDryRun(ctx, [], [
      'hcdr status sends only read requests: per scope, listInstances + showPauseResumeStutus (GeminiDB) or listDisasterRecover + showDisasterDetail + showDisasterProgress (DWS)',
    ]);
    return;
  }

  const monitoring = await import('@hcdr/dr-ops/monitoring');
  const core = await import('@hcdr/core');
  const wanted = services as MonitoredService[];
  let config: ExporterConfig;
  if (o.config !== undefined) {
    const loaded = await monitoring.loadExporterConfig(o.config);
    config = { ...loaded, scopes: loaded.scopes.filter((s) => wanted.includes(s.service)) };
  } else if (o.all) {
    const env = ctx.term.env;
    const profileFile = ctx.globals.configFile ?? core.readEnv(env, core.ENV.configFile) ?? core.defaultConfigFilePath(env.HOME);
    config = monitoring.scopesFromProfiles({ profileFile, profiles, services: wanted });
  } else {
    const region = ctx.globals.region ?? core.readEnv(ctx.term.env, core.ENV.region) ?? profileRegion(ctx, core, await serviceDescriptor('dws'));
    if (!region) throw new CliError('No region: give --region, set HUAWEICLOUD_SDK_REGION_ID, or use --all for every profile', EXIT.config);
    const d = monitoring.CONFIG_DEFAULTS;
    config = {
      intervalMs: d.intervalMs,
      timeoutMs: d.timeoutMs,
      concurrency: d.concurrency,
      scopes: wanted.map((service, index) => ({ index, service, region, projectId: ctx.globals.projectId, intervalMs: d.intervalMs })),
    };
  }
  const report = await monitoring.readFleetStatus({ config, clientOptions: scopeClientOptions(ctx), signal: ctx.signal });
  print(ctx, report);
  if (report.scopes.length > 0 && report.scopes.every((s) => !s.ok)) {
    throw new CliError(`No scope could be read (${report.scopes[0]?.error ?? 'unknown error'})`, EXIT.failure);
  }
}

/** The region of the selected profile, when the profile file has one (as core would resolve it). */
function profileRegion(ctx: AppContext, core: typeof import('@hcdr/core'), service: ServiceEndpoints): string | undefined {
  try {
    return core.resolveClientConfig({ service, profile: ctx.globals.profile, configFile: ctx.globals.configFile, env: ctx.term.env, homeDir: ctx.term.env.HOME, credentials: { authToken: 'unused' }, projectId: 'unused' }).region;
  } catch {
    return undefined;
  }
}

const MARK = { critical: '✖', warning: '!', none: '✔' } as const;

function print(ctx: AppContext, report: FleetReport): void {
  if (ctx.out.machine) {
    ctx.out.data(report);
    return;
  }
  const rows = report.resources.map((r) => {
    const level = r.problems.some((p) => p.severity === 'critical') ? 'critical' : r.problems.length > 0 ? 'warning' : 'none';
    const seconds = (v: number | undefined) => (v === undefined ? '' : `${Math.round(v * 1000) / 1000}s`);
    return {
      '': MARK[level],
      service: r.service,
      region: r.region,
      id: r.id,
      name: r.name ?? '',
      role: r.role ?? '',
      state: r.state ?? '',
      'lag/rpo': r.service === 'geminidb' ? `${seconds(r.lag_seconds)}/${seconds(r.rpo_seconds)}` : seconds(r.rpo_seconds),
      objective: seconds(r.rpo_objective_seconds),
      problems: r.problems.map((p) => p.message).join('; '),
    };
  });
  ctx.out.data(rows, { empty: 'No DR relationships or tasks in these scopes.' });
  for (const s of report.scopes.filter((x) => !x.ok)) ctx.out.warn(`${s.service} ${s.region} (project ${s.project_id}) could not be read: ${s.error}`);
  const p = report.problems;
  ctx.out.info(
    `${report.resources.length} resource(s) in ${report.scopes.length} scope(s): ${p.critical} critical, ${p.warning} warning(s)${p.unreachable_scopes ? `, ${p.unreachable_scopes} scope(s) unreachable` : ''}`,
  );
}
