// A realistic report built by hand, for the renderer tests (the runner tests produce real ones).
import type { DrillReport, PhaseRecord, PhaseStatus } from '../../../src/drills/index.ts';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

function phase(name: PhaseRecord['name'], from: number, to: number, status: PhaseStatus = 'passed', summary = 'done'): PhaseRecord {
  return {
    name,
    title: name,
    status,
    started_at: iso(from),
    ended_at: iso(to),
    duration_seconds: (to - from) / 1000,
    monotonic_ms: { start: from, end: to },
    run: 1,
    budget_seconds: 600,
    summary,
    evidence: {
      calls: [{ at: iso(from + 10), side: 'primary', method: 'GET', path: '/v3/{project_id}/instances/{instance_id}/instance-role', status: 200, request_id: `req-${name}`, duration_ms: 12 }],
      values: [{ at: iso(from + 20), name: 'role', value: 'master', source: 'showInstanceRole (primary)' }],
      jobs: name === 'switchover' ? [{ id: 'job-1', side: 'primary', name: 'SwitchOverDisasterRecovery', status: 'Completed' }] : [],
    },
  };
}

export function sampleReport(overrides: Partial<DrillReport> = {}): DrillReport {
  const phases = [
    phase('preflight', 0, 2_000),
    phase('switchover', 2_000, 95_000),
    phase('verify-switched', 95_000, 97_000),
    phase('hold', 97_000, 127_000),
    phase('failback', 127_000, 220_000),
    phase('verify-restored', 220_000, 222_000),
    phase('postflight', 222_000, 224_000),
  ];
  return {
    report_version: 1,
    drill_id: 'drill-0001',
    verdict: 'passed',
    verdict_reason: 'Every objective was met and the roles are back where they started.',
    plan: {
      name: 'redis-video-quarterly',
      description: 'Quarterly drill of the video cache',
      labels: { ticket: 'CHG-1234' },
      service: 'geminidb',
      scenario: 'switchover-and-back',
      sha256: 'a'.repeat(64),
      file: 'drill.yaml',
      hold_seconds: 30,
      sample_interval_seconds: 5,
      poll_interval_seconds: 5,
      abort: { max_lag_seconds: 60, on_readiness_warning: 'continue', conditions: ['pre-flight readiness fails', 'lag above 1m'] },
      budgets_seconds: { switchover: 1800 },
    },
    objectives: { rto_seconds: 600, rpo_seconds: 60 },
    measured: {
      rto_seconds: 93,
      rpo_seconds: 2,
      rto_from: 'the switchover request',
      rto_to: 'the new primary confirmed',
      rto_started_at: iso(2_000),
      rto_ended_at: iso(95_000),
      rpo_source: 'the replication lag at cutover',
      rpo_read_at: iso(1_900),
      rto_resolution_seconds: 5,
      not_measured: ['client reconnection'],
    },
    objective_results: [
      { objective: 'rto', target_seconds: 600, measured_seconds: 93, met: true, measured_as: 'switchover request → new primary confirmed' },
      { objective: 'rpo', target_seconds: 60, measured_seconds: 2, met: true, measured_as: 'lag at cutover' },
    ],
    targets: {
      service: 'geminidb',
      regions: ['ap-southeast-1', 'ap-southeast-3'],
      task: null,
      sides: [
        { role_at_start: 'primary', id: 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12', name: 'redis-video-primary', region: 'ap-southeast-1', project_id: null, profile: null },
        { role_at_start: 'standby', id: 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12', name: 'redis-video-standby', region: 'ap-southeast-3', project_id: null, profile: 'dr-account' },
      ],
    },
    phases,
    lag_samples: [0, 1, 2, 3, 4, 5, 6].map((i) => ({ at: iso(97_000 + i * 5_000), t_seconds: 97 + i * 5, phase: 'hold' as const, lag_seconds: i === 3 ? null : 2 + i, backlog_mb: 2, sync_status: 'SYNCING' })),
    deviations: [],
    readiness: { preflight: null, postflight: null },
    final_state: { checked_at: iso(224_000), roles_restored: true, primary: 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12', standby: 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12', status: 'SYNCING', note: 'original roles' },
    environment: { tool: 'hcdr', tool_version: '0.1.0', dr_ops_version: '0.1.0', node_version: 'v20.20.2', platform: 'linux x64', host: 'ci', operator: 'sre', runs: 1 },
    started_at: iso(0),
    ended_at: iso(224_000),
    duration_seconds: 224,
    ...overrides,
  };
}
