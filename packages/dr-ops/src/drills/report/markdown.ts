// The report as Markdown (for a change ticket or a wiki): the same facts as the JSON, in reading order.
import type { ReadinessReport } from '../readiness/types.js';
import { objectiveWord, PHASE_LABELS, PHASE_STATUS_MARK, scenarioWords, seconds, targetsLine, VERDICT_WORDS } from './format.js';
import type { DrillReport, PhaseRecord } from './model.js';

/** Text safe inside a Markdown table cell or paragraph: no table breaks, no raw HTML, no newlines. */
function md(value: unknown): string {
  return String(value ?? '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]|<>]/g, (c) => `\\${c}`);
}

function code(value: unknown): string {
  const text = String(value ?? '').replace(/[\r\n]+/g, ' ');
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${text.replace(/\|/g, '\\|')}${fence.length > 1 ? ' ' : ''}${fence}`;
}

function table(headings: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${headings.join(' | ')} |`, `|${headings.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function readinessSection(title: string, r: ReadinessReport | null): string {
  if (!r) return `### ${title}\n\nNot run.\n`;
  return `### ${title}: ${r.verdict.toUpperCase()}\n\nChecked at ${md(r.checked_at)}.\n\n${table(
    ['check', 'result', 'details'],
    r.checks.map((c) => [code(c.id), c.status.toUpperCase(), md(c.message)]),
  )}\n`;
}

function phaseEvidence(p: PhaseRecord): string {
  const lines: string[] = [];
  for (const j of p.evidence.jobs) lines.push(`- job ${code(j.id)} (${md(j.side)}, ${md(j.name)}): ${md(j.status)}${j.fail_reason ? ` — ${md(j.fail_reason)}` : ''}`);
  for (const v of p.evidence.values) lines.push(`- ${md(v.at)} ${md(v.name)} = ${code(v.value)} from ${md(v.source)}`);
  for (const c of p.evidence.calls) {
    lines.push(`- ${md(c.at)} ${md(c.side)} ${md(c.method)} ${code(c.path)} → ${c.status ?? md(c.error ?? 'no response')}${c.request_id ? `, request id ${code(c.request_id)}` : ''}`);
  }
  return lines.length ? lines.join('\n') : '- (no API calls)';
}

export function renderDrillReportMarkdown(report: DrillReport): string {
  const out: string[] = [];
  const verdict = VERDICT_WORDS[report.verdict];
  out.push(`# DR drill report: ${md(report.plan.name)}`, '');
  out.push(`**Verdict: ${verdict}** — ${md(report.verdict_reason)}`, '');
  out.push(
    table(
      ['', ''],
      [
        ['Drill ID', code(report.drill_id)],
        ['Service', md(report.plan.service === 'geminidb' ? 'GeminiDB (Redis) DR relationship' : 'GaussDB(DWS) DR task')],
        ['Scenario', `${code(report.plan.scenario)}: ${md(scenarioWords(report))}`],
        ['Targets', md(targetsLine(report))],
        ['Regions', md(report.targets.regions.join(', '))],
        ['Started', md(report.started_at)],
        ['Ended', md(report.ended_at)],
        ['Duration', md(seconds(report.duration_seconds))],
        ['Run by', `${md(report.environment.operator)} on ${md(report.environment.host)}`],
        ['Tool', `${md(report.environment.tool)} ${md(report.environment.tool_version)} (@hcdr/dr-ops ${md(report.environment.dr_ops_version)}, Node ${md(report.environment.node_version)}, ${md(report.environment.platform)})`],
        ['Plan', `${report.plan.file ? `${code(report.plan.file)}, ` : ''}sha256 ${code(report.plan.sha256)}`],
      ],
    ),
    '',
  );
  if (report.plan.description) out.push(md(report.plan.description), '');
  const labels = Object.entries(report.plan.labels);
  if (labels.length) out.push(`Labels: ${labels.map(([k, v]) => `${md(k)}=${md(v)}`).join(', ')}`, '');

  out.push('## Objectives', '');
  out.push(
    table(
      ['objective', 'target', 'measured', 'result', 'measured as'],
      report.objective_results.map((o) => [o.objective.toUpperCase(), md(seconds(o.target_seconds)), md(seconds(o.measured_seconds)), `**${objectiveWord(o)}**`, md(o.measured_as)]),
    ),
    '',
  );
  out.push(
    `RTO is measured from ${md(report.measured.rto_from)} to ${md(report.measured.rto_to)}` +
      `${report.measured.rto_started_at ? ` (${md(report.measured.rto_started_at)} → ${md(report.measured.rto_ended_at ?? '?')})` : ''}, ` +
      `to within one poll interval (${md(seconds(report.measured.rto_resolution_seconds))}). ` +
      `RPO is ${md(report.measured.rpo_source)}${report.measured.rpo_read_at ? `, read at ${md(report.measured.rpo_read_at)}` : ''}.`,
    '',
  );
  if (report.measured.not_measured.length) {
    out.push('Not measured:', '', ...report.measured.not_measured.map((n) => `- ${md(n)}`), '');
  }

  out.push('## Timeline', '');
  out.push(
    table(
      ['', 'phase', 'started', 'ended', 'duration', 'budget', 'outcome'],
      report.phases.map((p) => [
        PHASE_STATUS_MARK[p.status],
        `${md(PHASE_LABELS[p.name])} (${code(p.name)})`,
        md(p.started_at),
        md(p.ended_at),
        md(seconds(p.duration_seconds)),
        md(p.budget_seconds === null ? '' : seconds(p.budget_seconds)),
        `${p.status.toUpperCase()}: ${md(p.summary)}${p.run > 1 ? ` (run ${p.run})` : ''}`,
      ]),
    ),
    '',
  );

  out.push('## Replication lag', '');
  const lags = report.lag_samples.map((s) => s.lag_seconds).filter((v): v is number => v !== null);
  if (lags.length) {
    out.push(
      `${report.lag_samples.length} samples; lag min ${md(seconds(Math.min(...lags)))}, max ${md(seconds(Math.max(...lags)))}, ` +
        `last ${md(seconds(lags[lags.length - 1]))}; abort above ${md(seconds(report.plan.abort.max_lag_seconds))}.`,
      '',
    );
    out.push(
      table(
        ['time', 'phase', 'lag', 'backlog (MB)', 'sync status'],
        report.lag_samples.map((s) => [md(s.at), code(s.phase), md(seconds(s.lag_seconds)), md(s.backlog_mb ?? ''), md(s.sync_status ?? '')]),
      ),
      '',
    );
  } else out.push('No lag samples.', '');

  out.push('## Deviations', '');
  out.push(report.deviations.length ? report.deviations.map((d) => `- ${md(d.at)} **${d.kind}**${d.phase ? ` in ${code(d.phase)}` : ''}: ${md(d.message)}`).join('\n') : 'None.', '');

  out.push('## Final state', '');
  const f = report.final_state;
  out.push(
    `Roles restored: **${f.roles_restored === null ? 'UNKNOWN' : f.roles_restored ? 'YES' : 'NO'}**` +
      `${f.primary ? `; primary ${code(f.primary)}` : ''}${f.standby ? `, standby ${code(f.standby)}` : ''}` +
      `${f.status ? `; status ${code(f.status)}` : ''}${f.checked_at ? ` (checked ${md(f.checked_at)})` : ''}. ${md(f.note)}`,
    '',
  );

  out.push('## Readiness', '');
  out.push(readinessSection('Pre-flight', report.readiness.preflight), readinessSection('Post-flight', report.readiness.postflight));

  out.push('## Abort criteria', '');
  out.push(report.plan.abort.conditions.map((c) => `- ${md(c)}`).join('\n'), '');

  out.push('## Evidence per phase', '');
  for (const p of report.phases) out.push(`### ${md(PHASE_LABELS[p.name])} (${code(p.name)})`, '', phaseEvidence(p), '');

  out.push(`---`, '', `Report format ${report.report_version} (JSON schema \`drill-report.v1.schema.json\` in @hcdr/dr-ops). No secrets are recorded.`, '');
  return out.join('\n');
}
