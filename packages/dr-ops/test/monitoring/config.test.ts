import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExporterConfigError, loadExporterConfig, parseDuration, parseExporterConfig } from '../../src/monitoring/index.js';

function problems(text: string): { path: string; message: string }[] {
  try {
    parseExporterConfig(text, 'exporter.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ExporterConfigError);
    return [...(error as ExporterConfigError).problems];
  }
  throw new Error('expected the config to be refused');
}

describe('exporter config', () => {
  it('reads the documented example, with defaults and per-scope overrides', () => {
    const config = parseExporterConfig(
      `interval: 30s
scopes:
  - { service: geminidb, region: ap-southeast-1, project_id: 0123456789abcdef0123456789abcdef, profile: prod-sg }
  - { service: dws, region: cn-north-4, interval: 2m, rpo_objective: 45m, credentials_file: /etc/hcdr/dws.env }
`,
    );
    expect(config).toMatchObject({ intervalMs: 30_000, timeoutMs: 10_000, concurrency: 4 });
    expect(config.scopes).toEqual([
      expect.objectContaining({ index: 0, service: 'geminidb', region: 'ap-southeast-1', projectId: '0123456789abcdef0123456789abcdef', profile: 'prod-sg', intervalMs: 30_000, rpoObjectiveSeconds: undefined }),
      expect.objectContaining({ index: 1, service: 'dws', region: 'cn-north-4', intervalMs: 120_000, rpoObjectiveSeconds: 2700, credentialsFile: '/etc/hcdr/dws.env' }),
    ]);
  });

  it('names the field and the rule for every problem, all at once', () => {
    expect(
      problems(`interval: 30
concurrency: 0
scopes:
  - { service: geminidb, region: ap-southeast-1 }
  - { service: redis, region: "AP SOUTH" }
  - { region: cn-north-4, colour: blue }
`),
    ).toEqual(
      expect.arrayContaining([
        { path: 'interval', message: 'must be a duration such as 30s or 1m' },
        { path: 'concurrency', message: 'must be a whole number from 1 to 64' },
        { path: 'scopes[1].service', message: 'must be one of: geminidb, dws' },
        { path: 'scopes[1].region', message: 'must be a region ID such as ap-southeast-1' },
        { path: 'scopes[2].service', message: 'is required' },
        expect.objectContaining({ path: 'scopes[2].colour', message: expect.stringContaining('is not a known setting') }),
      ]),
    );
  });

  it('refuses secrets in the file without repeating them', () => {
    const secret = 'Zq8-very-secret-value';
    const found = problems(`scopes:
  - service: dws
    region: cn-north-4
    ak: AKIDEXAMPLE
    sk: ${secret}
    nested: { secret_access_key: ${secret} }
`);
    expect(found.map((p) => p.path)).toEqual(expect.arrayContaining(['scopes[0].ak', 'scopes[0].sk', 'scopes[0].nested.secret_access_key']));
    expect(found.find((p) => p.path === 'scopes[0].sk')?.message).toMatch(/never read from this file.*credentials_file/);
    expect(JSON.stringify(found)).not.toContain(secret);
    // The key's own schema error is not reported twice.
    expect(found.filter((p) => p.path === 'scopes[0].sk')).toHaveLength(1);
  });

  it('reports YAML syntax errors by position, never quoting the line', () => {
    const found = problems('scopes:\n  - { service: dws, region: cn-north-4, sk: "unterminated-secret-9f2 }\n');
    expect(found[0]?.message).toMatch(/^YAML error at line \d+, column \d+/);
    expect(JSON.stringify(found)).not.toContain('unterminated-secret-9f2');
  });

  it('refuses ranges that would hurt the API or make no sense, and duplicate scopes', () => {
    expect(
      problems(`interval: 1s
timeout: 5m
scopes:
  - { service: dws, region: cn-north-4, project_id: p1 }
  - { service: dws, region: cn-north-4, project_id: p1 }
`),
    ).toEqual([
      { path: 'interval', message: 'must be from 5s to 1d' },
      { path: 'timeout', message: 'must be from 1s to 2m' },
      { path: 'scopes[1]', message: 'monitors the same service, region and project as scopes[0]' },
    ]);
    expect(problems('scopes: []\n')).toEqual([{ path: 'scopes', message: expect.stringContaining('1 to 500 scopes') }]);
    expect(problems('just text\n')).toEqual([{ path: '', message: 'must be a YAML mapping with a `scopes` list' }]);
  });

  it('loads from a file and says when it cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcdr-exporter-config-'));
    const file = join(dir, 'exporter.yaml');
    writeFileSync(file, 'scopes:\n  - { service: dws, region: cn-north-4 }\n');
    expect((await loadExporterConfig(file)).scopes).toHaveLength(1);
    await expect(loadExporterConfig(join(dir, 'missing.yaml'))).rejects.toThrow(/missing\.yaml:\n {2}cannot be read \(ENOENT\)/);
  });

  it('parses Prometheus-style durations only', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('30')).toBeUndefined();
    expect(parseDuration('1.5h')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
});
