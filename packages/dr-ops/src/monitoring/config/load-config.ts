// Reads the exporter configuration: YAML, validated against a JSON Schema, every problem reported
// at once with the field it concerns (`scopes[1].region: must be a region ID ...`). Secrets are
// refused: the file is plain text, often readable by others and kept in git. Messages never quote
// the value of a setting that looks like a secret.
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type YAMLParseError, type Node } from 'yaml';
import { parseDuration } from './duration.js';
import { exporterConfigSchema, SCOPE_KEYS, type SERVICES, TOP_LEVEL_KEYS } from './schema.js';

export type MonitoredService = (typeof SERVICES)[number];

export interface ScopeConfig {
  /** Position in `scopes` (for messages: `scopes[2]`). */
  readonly index: number;
  readonly service: MonitoredService;
  readonly region: string;
  /** Undefined: from HUAWEICLOUD_SDK_PROJECT_ID or the profile, as everywhere in hcdr. */
  readonly projectId?: string | undefined;
  readonly profile?: string | undefined;
  /** Profile file path (default: HCDR_CONFIG_FILE, then ~/.hcdr/config.json). */
  readonly configFile?: string | undefined;
  readonly credentialsFile?: string | undefined;
  readonly endpoint?: string | undefined;
  readonly intervalMs: number;
  /** Undefined: the service default (GeminiDB 60 s; DWS twice the task's sync period). */
  readonly rpoObjectiveSeconds?: number | undefined;
}

export interface ExporterConfig {
  readonly intervalMs: number;
  /** Per-request timeout. */
  readonly timeoutMs: number;
  /** API calls in flight at once, over all scopes. */
  readonly concurrency: number;
  readonly listen?: string | undefined;
  readonly scopes: readonly ScopeConfig[];
}

export interface ConfigProblem {
  /** `scopes[1].region`, or `` for the whole file. */
  readonly path: string;
  readonly message: string;
}

export class ExporterConfigError extends Error {
  override readonly name = 'ExporterConfigError';
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(`Invalid exporter config ${source}:\n${problems.map((p) => `  ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n')}`);
  }
}

export const CONFIG_DEFAULTS = { intervalMs: 30_000, timeoutMs: 10_000, concurrency: 4 } as const;

/** Bounds that keep the exporter gentle with the API and useful to Prometheus. */
const LIMITS = {
  intervalMs: { min: 5_000, max: 86_400_000, text: 'from 5s to 1d' },
  timeoutMs: { min: 1_000, max: 120_000, text: 'from 1s to 2m' },
  rpoObjectiveMs: { min: 1_000, max: 30 * 86_400_000, text: 'from 1s to 30d' },
};

/** Keys that hold secrets in the formats people copy from (SDK env files, profiles, other tools). */
const SECRET_KEYS = new Set([
  'sk',
  'ak',
  'secret',
  'secretkey',
  'secretaccesskey',
  'accesskey',
  'accesskeyid',
  'securitytoken',
  'token',
  'authtoken',
  'password',
  'huaweicloudsdksk',
  'huaweicloudsdkak',
  'huaweicloudsdkauthtoken',
  'huaweicloudsdksecuritytoken',
]);
const isSecretKey = (key: string) => SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));

const MAX_FILE_BYTES = 1024 * 1024;

let compiled: ReturnType<Ajv['compile']> | undefined;
function validator() {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    ajv.addKeyword({ keyword: 'errorHint', schemaType: 'string' });
    compiled = ajv.compile(exporterConfigSchema);
  }
  return compiled;
}

/** Reads and validates an exporter config file. Throws ExporterConfigError listing every problem. */
export async function loadExporterConfig(path: string): Promise<ExporterConfig> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ExporterConfigError(path, [{ path: '', message: 'is not a regular file' }]);
    if (info.size > MAX_FILE_BYTES) throw new ExporterConfigError(path, [{ path: '', message: `is larger than ${MAX_FILE_BYTES} bytes` }]);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof ExporterConfigError) throw error;
    throw new ExporterConfigError(path, [{ path: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  return parseExporterConfig(text, path, { baseDir: dirname(resolve(path)) });
}

export interface ParseConfigOptions {
  /** Relative `credentials_file` / `config_file` paths are taken from here (the config file's folder). */
  readonly baseDir?: string | undefined;
}

/** Parses and validates the text of an exporter config; `source` names it in messages. */
export function parseExporterConfig(text: string, source = 'config', options: ParseConfigOptions = {}): ExporterConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    // Only the position and the parser's own words: the offending line may hold a pasted secret.
    throw new ExporterConfigError(
      source,
      doc.errors.slice(0, 5).map((e: YAMLParseError) => {
        const at = lineCounter.linePos(e.pos[0]);
        return { path: '', message: `YAML error at line ${at.line}, column ${at.col}: ${e.message.split('\n')[0]?.slice(0, 200)}` };
      }),
    );
  }
  const problems: ConfigProblem[] = [];
  const secretPaths = new Set<string>();
  findSecretKeys(doc.contents, '', problems, secretPaths);

  const raw: unknown = doc.toJS({ maxAliasCount: 50 });
  const validate = validator();
  if (!validate(raw)) {
    for (const error of validate.errors ?? []) {
      const problem = describe(error);
      if (problem && !secretPaths.has(problem.path)) problems.push(problem);
    }
  }
  if (problems.length > 0) throw new ExporterConfigError(source, dedupe(problems));
  const config = toConfig(raw as RawConfig, problems, options.baseDir);
  if (problems.length > 0) throw new ExporterConfigError(source, problems);
  return config;
}

function findSecretKeys(node: Node | null, path: string, problems: ConfigProblem[], secretPaths: Set<string>): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
      const child = path ? `${path}.${key}` : key;
      if (isSecretKey(key)) {
        secretPaths.add(child);
        problems.push({
          path: child,
          message:
            'secrets are never read from this file (plain text, often readable by others or kept in git); name a `profile`, a `credentials_file` (chmod 600), or set HUAWEICLOUD_SDK_AK/SK in the environment',
        });
      } else findSecretKeys(pair.value as Node | null, child, problems, secretPaths);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      findSecretKeys(item as Node | null, `${path}[${i}]`, problems, secretPaths);
    });
  }
}

/** `/scopes/1/region` → `scopes[1].region`. */
function fieldPath(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (child !== undefined) parts.push(child);
  return parts.reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

function describe(error: ErrorObject): ConfigProblem | undefined {
  const hint = (error.parentSchema as { errorHint?: string } | undefined)?.errorHint;
  switch (error.keyword) {
    case 'required':
      return { path: fieldPath(error.instancePath, (error.params as { missingProperty: string }).missingProperty), message: 'is required' };
    case 'additionalProperties': {
      const name = (error.params as { additionalProperty: string }).additionalProperty;
      const known = error.instancePath === '' ? TOP_LEVEL_KEYS : SCOPE_KEYS;
      return { path: fieldPath(error.instancePath, name), message: `is not a known setting (known: ${known.join(', ')})` };
    }
    case 'type':
      if (error.instancePath === '') return { path: '', message: 'must be a YAML mapping with a `scopes` list' };
      return { path: fieldPath(error.instancePath), message: hint ?? `must be of type ${(error.params as { type: string }).type}` };
    default:
      return { path: fieldPath(error.instancePath), message: hint ?? error.message ?? 'is invalid' };
  }
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface RawScope {
  service: MonitoredService;
  region: string;
  project_id?: string;
  profile?: string;
  config_file?: string;
  credentials_file?: string;
  endpoint?: string;
  interval?: string;
  rpo_objective?: string;
}
interface RawConfig {
  interval?: string;
  timeout?: string;
  concurrency?: number;
  listen?: string;
  rpo_objective?: string;
  scopes: RawScope[];
}

function durationSetting(text: string | undefined, path: string, limits: { min: number; max: number; text: string }, problems: ConfigProblem[]): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms < limits.min || ms > limits.max) {
    problems.push({ path, message: `must be ${limits.text}` });
    return undefined;
  }
  return ms;
}

function toConfig(raw: RawConfig, problems: ConfigProblem[], baseDir: string | undefined): ExporterConfig {
  const file = (p: string | undefined) => (p === undefined || baseDir === undefined || isAbsolute(p) ? p : resolve(baseDir, p));
  const intervalMs = durationSetting(raw.interval, 'interval', LIMITS.intervalMs, problems) ?? CONFIG_DEFAULTS.intervalMs;
  const timeoutMs = durationSetting(raw.timeout, 'timeout', LIMITS.timeoutMs, problems) ?? CONFIG_DEFAULTS.timeoutMs;
  const rpoObjectiveMs = durationSetting(raw.rpo_objective, 'rpo_objective', LIMITS.rpoObjectiveMs, problems);

  const seen = new Map<string, number>();
  const scopes = raw.scopes.map((s, index): ScopeConfig => {
    const at = `scopes[${index}]`;
    const scopeInterval = durationSetting(s.interval, `${at}.interval`, LIMITS.intervalMs, problems);
    const scopeObjective = durationSetting(s.rpo_objective, `${at}.rpo_objective`, LIMITS.rpoObjectiveMs, problems);
    // The same service, region, project and endpoint twice would poll the same API twice and clash in the metrics.
    const key = [s.service, s.region, s.project_id ?? `profile:${s.profile ?? ''}`, s.endpoint ?? ''].join('\u0000');
    const first = seen.get(key);
    if (first !== undefined) problems.push({ path: at, message: `monitors the same service, region and project as scopes[${first}]` });
    else seen.set(key, index);
    const objective = scopeObjective ?? rpoObjectiveMs;
    return {
      index,
      service: s.service,
      region: s.region,
      projectId: s.project_id,
      profile: s.profile,
      configFile: file(s.config_file),
      credentialsFile: file(s.credentials_file),
      endpoint: s.endpoint?.replace(/\/+$/, ''),
      intervalMs: scopeInterval ?? intervalMs,
      rpoObjectiveSeconds: objective === undefined ? undefined : objective / 1000,
    };
  });
  return { intervalMs, timeoutMs, concurrency: raw.concurrency ?? CONFIG_DEFAULTS.concurrency, listen: raw.listen, scopes };
}
