// The report as one self-contained HTML page: inline CSS and SVG, no script, no external resource
// (a Content-Security-Policy forbids any), so it opens the same offline, attached to a ticket or
// years later in an audit. Verdict per objective, a phase timeline and a lag chart.
import type { ReadinessReport } from '../readiness/types.js';
import { objectiveWord, PHASE_LABELS, PHASE_STATUS_MARK, scenarioWords, seconds, targetsLine, VERDICT_WORDS } from './format.js';
import type { DrillReport, LagSample, PhaseRecord, PhaseStatus } from './model.js';

function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STATUS_COLOURS: Readonly<Record<PhaseStatus, string>> = {
  passed: '#2e7d32',
  failed: '#c62828',
  aborted: '#e65100',
  skipped: '#9e9e9e',
};

const CSS = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg2: #f6f8fa; --ok: #2e7d32; --bad: #c62828; --warn: #e65100; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0; padding: 24px; max-width: 1100px; margin-inline: auto; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; } h3 { font-size: 15px; margin: 16px 0 6px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.verdict { display: inline-block; font-weight: 700; font-size: 20px; padding: 6px 14px; border-radius: 6px; color: #fff; letter-spacing: .04em; }
.verdict.passed { background: var(--ok); } .verdict.failed { background: var(--bad); } .verdict.aborted { background: var(--warn); }
.reason { margin: 8px 0 16px; font-size: 15px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; } th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg2); font-weight: 600; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; word-break: break-all; }
.met { color: var(--ok); font-weight: 700; } .missed { color: var(--bad); font-weight: 700; } .unmeasured { color: var(--muted); font-weight: 700; }
.st-passed, .st-pass { color: var(--ok); } .st-failed, .st-fail { color: var(--bad); } .st-aborted, .st-warn { color: var(--warn); } .st-skipped { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; } .card .big { font-size: 22px; font-weight: 700; } .card .small { color: var(--muted); font-size: 12.5px; }
svg { max-width: 100%; height: auto; display: block; } svg text { font: 11px system-ui, sans-serif; fill: var(--fg); }
details { margin: 4px 0; } summary { cursor: pointer; }
footer { margin-top: 32px; color: var(--muted); font-size: 12.5px; }
@media print { body { padding: 0; } details { display: block; } }
`;

function kv(rows: readonly [string, string][]): string {
  return `<table class="kv">${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${v}</td></tr>`).join('')}</table>`;
}

function ms(iso: string): number {
  return Date.parse(iso);
}

/** Horizontal bars per phase on the drill's wall-clock axis, plus the measured RTO interval. */
export function timelineSvg(report: DrillReport): string {
  const start = ms(report.started_at);
  const total = Math.max(1, ms(report.ended_at) - start);
  const rows: { label: string; from: number; to: number; colour: string; phase: string; note: string }[] = report.phases.map((p) => ({
    label: `${PHASE_STATUS_MARK[p.status]} ${PHASE_LABELS[p.name]}`,
    from: ms(p.started_at) - start,
    to: ms(p.ended_at) - start,
    colour: STATUS_COLOURS[p.status],
    phase: p.name,
    note: `${p.status}, ${seconds(p.duration_seconds)}`,
  }));
  if (report.measured.rto_started_at && report.measured.rto_ended_at) {
    rows.push({
      label: 'RTO (measured)',
      from: ms(report.measured.rto_started_at) - start,
      to: ms(report.measured.rto_ended_at) - start,
      colour: '#1565c0',
      phase: 'rto',
      note: seconds(report.measured.rto_seconds),
    });
  }
  const left = 190;
  const right = 110;
  const width = 900;
  const plot = width - left - right;
  const rowH = 26;
  const top = 8;
  const height = top + rows.length * rowH + 30;
  const x = (t: number) => left + Math.max(0, Math.min(1, t / total)) * plot;
  const bars = rows
    .map((r, i) => {
      const y = top + i * rowH;
      const x0 = x(r.from);
      const w = Math.max(2, x(r.to) - x0);
      return (
        `<g class="phase" data-phase="${esc(r.phase)}"><text x="${left - 8}" y="${y + 17}" text-anchor="end">${esc(r.label)}</text>` +
        `<rect x="${x0.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" rx="3" fill="${r.colour}"><title>${esc(`${r.label}: ${r.note}`)}</title></rect>` +
        `<text x="${Math.min(width - right + 100, x0 + w + 6).toFixed(1)}" y="${y + 17}">${esc(r.note)}</text></g>`
      );
    })
    .join('');
  const axisY = top + rows.length * rowH + 4;
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const tx = left + f * plot;
      return `<line x1="${tx}" x2="${tx}" y1="${top}" y2="${axisY}" stroke="#d0d7de" stroke-dasharray="2 3"/><text x="${tx}" y="${axisY + 16}" text-anchor="middle">${esc(seconds((f * total) / 1000))}</text>`;
    })
    .join('');
  return (
    `<svg id="timeline" role="img" aria-label="Phase timeline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>Phase timeline, seconds since the drill started</title>${ticks}${bars}</svg>`
  );
}

/** Lag over time with the abort threshold and the phases as bands. */
export function lagChartSvg(report: DrillReport): string {
  const samples = report.lag_samples;
  const width = 900;
  const height = 260;
  const left = 56;
  const right = 16;
  const top = 22;
  const bottom = 34;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const start = ms(report.started_at);
  const total = Math.max(1, (ms(report.ended_at) - start) / 1000);
  const values = samples.map((s) => s.lag_seconds).filter((v): v is number => v !== null);
  const threshold = report.plan.abort.max_lag_seconds;
  const rpo = report.objectives.rpo_seconds;
  const yMax = Math.max(1, threshold * 1.2, rpo * 1.2, ...values.map((v) => v * 1.1));
  const x = (t: number) => left + Math.max(0, Math.min(1, t / total)) * plotW;
  const y = (v: number) => top + plotH - Math.max(0, Math.min(1, v / yMax)) * plotH;
  const bands = report.phases
    .map((p, i) => {
      const x0 = x((ms(p.started_at) - start) / 1000);
      const x1 = x((ms(p.ended_at) - start) / 1000);
      return `<rect x="${x0.toFixed(1)}" y="${top}" width="${Math.max(0.5, x1 - x0).toFixed(1)}" height="${plotH}" fill="${i % 2 ? '#f6f8fa' : '#eef2f6'}"><title>${esc(PHASE_LABELS[p.name])}</title></rect>` +
        (x1 - x0 > 40 ? `<text x="${((x0 + x1) / 2).toFixed(1)}" y="${top - 6}" text-anchor="middle">${esc(p.name)}</text>` : '');
    })
    .join('');
  // Consecutive non-null samples form one line; a null sample (not reported) breaks it.
  const segments: LagSample[][] = [[]];
  for (const s of samples) {
    if (s.lag_seconds === null) segments.push([]);
    else segments[segments.length - 1]?.push(s);
  }
  const lines = segments
    .filter((seg) => seg.length > 0)
    .map((seg) => `<polyline fill="none" stroke="#1565c0" stroke-width="2" points="${seg.map((s) => `${x(s.t_seconds).toFixed(1)},${y(s.lag_seconds ?? 0).toFixed(1)}`).join(' ')}"/>`)
    .join('');
  const dots = samples
    .filter((s) => s.lag_seconds !== null)
    .map((s) => `<circle cx="${x(s.t_seconds).toFixed(1)}" cy="${y(s.lag_seconds ?? 0).toFixed(1)}" r="3" fill="${(s.lag_seconds ?? 0) > threshold ? '#c62828' : '#1565c0'}"><title>${esc(`${s.at} ${s.phase}: ${seconds(s.lag_seconds)}`)}</title></circle>`)
    .join('');
  const hline = (v: number, colour: string, label: string, dash: string) =>
    `<line x1="${left}" x2="${left + plotW}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="${dash}"/>` +
    `<text x="${left + plotW - 4}" y="${(y(v) - 4).toFixed(1)}" text-anchor="end" fill="${colour}">${esc(label)}</text>`;
  const yTicks = [0, 0.5, 1]
    .map((f) => `<text x="${left - 6}" y="${(y(f * yMax) + 4).toFixed(1)}" text-anchor="end">${esc(seconds(f * yMax))}</text>`)
    .join('');
  const xTicks = [0, 0.5, 1].map((f) => `<text x="${left + f * plotW}" y="${height - 12}" text-anchor="middle">${esc(seconds(f * total))}</text>`).join('');
  const empty = values.length === 0 ? `<text x="${left + plotW / 2}" y="${top + plotH / 2}" text-anchor="middle">no lag samples</text>` : '';
  return (
    `<svg id="lag-chart" role="img" aria-label="Replication lag during the drill" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>Replication lag (seconds) over the drill</title>${bands}` +
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#57606a"/><line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#57606a"/>` +
    `${hline(threshold, '#c62828', `abort above ${seconds(threshold)}`, '6 4')}${rpo !== threshold ? hline(rpo, '#6a1b9a', `RPO objective ${seconds(rpo)}`, '2 3') : ''}` +
    `${lines}${dots}${yTicks}${xTicks}${empty}</svg>`
  );
}

function readinessHtml(title: string, r: ReadinessReport | null): string {
  if (!r) return `<h3>${esc(title)}</h3><p>Not run.</p>`;
  return (
    `<h3>${esc(title)}: <span class="st-${esc(r.verdict)}">${esc(r.verdict.toUpperCase())}</span></h3><p class="sub">Checked at ${esc(r.checked_at)}</p>` +
    `<table><thead><tr><th>check</th><th>result</th><th>details</th></tr></thead><tbody>${r.checks
      .map((c) => `<tr><td><code>${esc(c.id)}</code></td><td class="st-${esc(c.status)}">${esc(c.status.toUpperCase())}</td><td>${esc(c.message)}</td></tr>`)
      .join('')}</tbody></table>`
  );
}

function evidenceHtml(p: PhaseRecord): string {
  const jobs = p.evidence.jobs.map((j) => `<li>job <code>${esc(j.id)}</code> (${esc(j.side)}, ${esc(j.name)}): ${esc(j.status)}${j.fail_reason ? ` — ${esc(j.fail_reason)}` : ''}</li>`);
  const values = p.evidence.values.map((v) => `<li>${esc(v.at)} ${esc(v.name)} = <code>${esc(v.value)}</code> from ${esc(v.source)}</li>`);
  const calls = p.evidence.calls.map(
    (c) =>
      `<li>${esc(c.at)} ${esc(c.side)} <code>${esc(c.method)} ${esc(c.path)}</code> → ${esc(c.status ?? c.error ?? 'no response')}${c.request_id ? `, request id <code>${esc(c.request_id)}</code>` : ''} (${esc(c.duration_ms)} ms)</li>`,
  );
  const items = [...jobs, ...values, ...calls];
  return `<details><summary>${esc(PHASE_LABELS[p.name])}: ${items.length} evidence item${items.length === 1 ? '' : 's'}</summary><ul>${items.join('') || '<li>(no API calls)</li>'}</ul></details>`;
}

export function renderDrillReportHtml(report: DrillReport): string {
  const verdict = VERDICT_WORDS[report.verdict];
  const f = report.final_state;
  const cards = report.objective_results
    .map((o) => {
      const word = objectiveWord(o);
      const cls = o.met === null ? 'unmeasured' : o.met ? 'met' : 'missed';
      return `<div class="card objective" data-objective="${esc(o.objective)}"><div>${esc(o.objective.toUpperCase())} objective ${esc(seconds(o.target_seconds))}</div><div class="big ${cls}">${esc(word)}</div><div>measured <strong>${esc(seconds(o.measured_seconds))}</strong></div><div class="small">${esc(o.measured_as)}</div></div>`;
    })
    .join('');
  const restored = f.roles_restored === null ? 'UNKNOWN' : f.roles_restored ? 'YES' : 'NO';
  const phasesTable = `<table id="phases"><thead><tr><th></th><th>phase</th><th>started</th><th>ended</th><th>duration</th><th>budget</th><th>outcome</th></tr></thead><tbody>${report.phases
    .map(
      (p) =>
        `<tr data-phase="${esc(p.name)}"><td class="st-${esc(p.status)}">${esc(PHASE_STATUS_MARK[p.status])}</td><td>${esc(PHASE_LABELS[p.name])}<br><code>${esc(p.name)}</code></td><td class="mono">${esc(p.started_at)}</td><td class="mono">${esc(p.ended_at)}</td>` +
        `<td class="num">${esc(seconds(p.duration_seconds))}</td><td class="num">${esc(p.budget_seconds === null ? '' : seconds(p.budget_seconds))}</td><td><span class="st-${esc(p.status)}">${esc(p.status.toUpperCase())}</span> ${esc(p.summary)}${p.run > 1 ? ` (run ${esc(p.run)})` : ''}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  const labels = Object.entries(report.plan.labels)
    .map(([k, v]) => `${esc(k)}=${esc(v)}`)
    .join(', ');
  const body = [
    `<header><h1>DR drill report: ${esc(report.plan.name)}</h1><p class="sub">${esc(targetsLine(report))}</p>`,
    `<div id="verdict" class="verdict ${esc(report.verdict)}" role="status">${esc(verdict)}</div><p class="reason" id="verdict-reason">${esc(report.verdict_reason)}</p></header>`,
    `<section><h2>Objectives</h2><div class="cards">${cards}<div class="card"><div>Roles back where they started</div><div class="big ${f.roles_restored ? 'met' : f.roles_restored === false ? 'missed' : 'unmeasured'}">${esc(restored)}</div><div class="small">${esc(f.note)}</div></div></div>`,
    `<p>RTO is measured from ${esc(report.measured.rto_from)} to ${esc(report.measured.rto_to)}, to within one poll interval (${esc(seconds(report.measured.rto_resolution_seconds))}). RPO is ${esc(report.measured.rpo_source)}${report.measured.rpo_read_at ? `, read at ${esc(report.measured.rpo_read_at)}` : ''}.</p>`,
    report.measured.not_measured.length ? `<p>Not measured:</p><ul>${report.measured.not_measured.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '',
    `</section><section><h2>Timeline</h2>${timelineSvg(report)}${phasesTable}</section>`,
    `<section><h2>Replication lag</h2>${lagChartSvg(report)}</section>`,
    `<section><h2>Deviations</h2>${report.deviations.length ? `<ul id="deviations">${report.deviations.map((d) => `<li><span class="mono">${esc(d.at)}</span> <strong>${esc(d.kind)}</strong>${d.phase ? ` in <code>${esc(d.phase)}</code>` : ''}: ${esc(d.message)}</li>`).join('')}</ul>` : '<p>None.</p>'}</section>`,
    `<section><h2>Final state</h2>${kv([
      ['Roles restored', esc(restored)],
      ['Primary', f.primary ? `<code>${esc(f.primary)}</code>` : ''],
      ['Standby', f.standby ? `<code>${esc(f.standby)}</code>` : ''],
      ['Status', esc(f.status ?? '')],
      ['Checked at', esc(f.checked_at ?? '')],
      ['Note', esc(f.note)],
    ])}</section>`,
    `<section><h2>Readiness</h2>${readinessHtml('Pre-flight', report.readiness.preflight)}${readinessHtml('Post-flight', report.readiness.postflight)}</section>`,
    `<section><h2>Plan and scope</h2>${kv([
      ['Drill ID', `<code>${esc(report.drill_id)}</code>`],
      ['Service', esc(report.plan.service === 'geminidb' ? 'GeminiDB (Redis) DR relationship' : 'GaussDB(DWS) DR task')],
      ['Scenario', `<code>${esc(report.plan.scenario)}</code>: ${esc(scenarioWords(report))}`],
      ['Regions', esc(report.targets.regions.join(', '))],
      ['Description', esc(report.plan.description ?? '')],
      ['Labels', labels],
      ['Hold', esc(seconds(report.plan.hold_seconds))],
      ['Abort criteria', `<ul>${report.plan.abort.conditions.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`],
      ['Plan file', `${report.plan.file ? `<code>${esc(report.plan.file)}</code>, ` : ''}sha256 <code>${esc(report.plan.sha256)}</code>`],
      ['Started / ended', `${esc(report.started_at)} → ${esc(report.ended_at)} (${esc(seconds(report.duration_seconds))})`],
      ['Run by', `${esc(report.environment.operator)} on ${esc(report.environment.host)}${report.environment.runs > 1 ? ` (${esc(report.environment.runs)} runs: resumed after an interruption)` : ''}`],
      ['Tool', `${esc(report.environment.tool)} ${esc(report.environment.tool_version)}, @hcdr/dr-ops ${esc(report.environment.dr_ops_version)}, Node ${esc(report.environment.node_version)}, ${esc(report.environment.platform)}`],
    ])}</section>`,
    `<section><h2>Evidence per phase</h2>${report.phases.map(evidenceHtml).join('')}</section>`,
    `<footer>Report format ${esc(report.report_version)} — the JSON file next to this page is the record; this page and the Markdown are views of it. No secrets are recorded.</footer>`,
  ].join('\n');
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(`${verdict}: DR drill ${report.plan.name}`)}</title><style>${CSS}</style></head>\n<body>\n${body}\n</body></html>\n`
  );
}
