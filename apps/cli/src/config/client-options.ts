// Turns global flags (or one side of `pair`) into @hcdr/core client options. Precedence is core's:
// flags > environment (HUAWEICLOUD_SDK_*) > profile file; --credentials-file supplies the credentials
// as an explicit option. Client packages are imported here, lazily, so `hcdr --help` and usage
// errors never load them (start-up time).
import { type ApiClientOptions, createFetchHandler, type RequestLogEvent, type ResolvedClientConfig } from '@hcdr/core';
import type { DwsClient } from '@hcdr/dws';
import type { GeminiDbClient } from '@hcdr/geminidb';
import type { VpcClient } from '@hcdr/vpc';
import type { AppContext, GlobalOptions } from '../context.js';
import { VERSION } from '../version.js';
import type { DryRunRecorder } from '../io/dry-run.js';
import { readAllStdin } from '../io/terminal.js';
import { cliConfigError } from './config-error.js';
import { parseCredentialsText, readCredentialsFile, type CredentialsFile } from './credentials-file.js';
import { describeEndpoint, withEndpointNote, type ConnectionOrigins } from './endpoint-note.js';

/** The APIs the CLI calls; `vpc` only reads subnets and VPCs (network discovery for `pair`, `instances list`). */
export type ServiceName = 'geminidb' | 'dws' | 'vpc';

/** The service descriptor of a client package (its endpoint table and endpoint-override key), loaded lazily. */
export async function serviceDescriptor(service: ServiceName) {
  if (service === 'geminidb') return (await import('@hcdr/geminidb')).geminiDbService;
  return service === 'dws' ? (await import('@hcdr/dws')).dwsService : (await import('@hcdr/vpc')).vpcService;
}

/**
 * Where to send requests and as whom; every field falls back to core's env/profile resolution.
 * The same fields as the global connection flags (`pair` builds one per side from --primary-* / --standby-*).
 */
export type Connection = Pick<GlobalOptions, 'region' | 'projectId' | 'profile' | 'configFile' | 'credentialsFile' | 'endpoint'> & {
  /** `primary` / `standby` for one side of `pair`: messages then name `--primary-region`... */
  side?: 'primary' | 'standby' | undefined;
  /** Where values came from when not from the flag of the same name (`HCDR_ENDPOINT`), for messages. */
  origins?: ConnectionOrigins | undefined;
};

export function globalConnection(ctx: AppContext): Connection {
  const g = ctx.globals;
  return {
    region: g.region,
    projectId: g.projectId,
    profile: g.profile,
    configFile: g.configFile,
    credentialsFile: g.credentialsFile,
    endpoint: g.endpoint,
    origins: { endpoint: g.endpointFrom },
  };
}

/** The flags that reproduce a connection, for hints such as "resume with: hcdr ... <these>". */
export function connectionArgs(conn: Connection, prefix = ''): string[] {
  const flag = (name: string) => (prefix ? `--${prefix}-${name}` : `--${name}`);
  const args: string[] = [];
  if (conn.region) args.push(flag('region'), conn.region);
  if (conn.projectId) args.push(flag('project-id'), conn.projectId);
  if (conn.profile) args.push(flag('profile'), conn.profile);
  if (conn.configFile) args.push(prefix ? flag('config-file') : '--config-file', conn.configFile);
  if (conn.credentialsFile && conn.credentialsFile !== '-') args.push(flag('credentials-file'), conn.credentialsFile);
  if (conn.endpoint) args.push(flag('endpoint'), conn.endpoint);
  return args;
}

/** Keyed by the stdin stream: one run's stdin must not answer for another run in the same process (tests). */
const stdinCredentials = new WeakMap<object, Promise<CredentialsFile>>();

/** Credentials from a file, or from stdin for `-` (read once per run, whoever asks). */
export async function loadCredentials(ctx: AppContext, path: string): Promise<CredentialsFile> {
  if (path !== '-') return readCredentialsFile(path);
  // stdin can be read once; both sides of `pair` may name it.
  let pending = stdinCredentials.get(ctx.term.stdin);
  if (!pending) {
    pending = readAllStdin(ctx.term.stdin).then((text) => parseCredentialsText(text, 'stdin'));
    stdinCredentials.set(ctx.term.stdin, pending);
  }
  return pending;
}

/** Where core looks for credentials, region and the profile file: the runtime's env, not process.env. */
export function environment(ctx: AppContext): Pick<ApiClientOptions, 'env' | 'homeDir'> {
  const home = ctx.term.env.HOME;
  return { env: ctx.term.env, ...(home ? { homeDir: home } : {}) };
}

export function debugLogger(ctx: AppContext) {
  // core's logger receives only redacted headers (allow-list) and never bodies.
  return (event: RequestLogEvent) => {
    const status = event.type === 'response' ? `${event.status}` : `error: ${event.error ?? ''}`;
    const retry = event.retry ? ` retry in ${event.retry.delayMs} ms (${event.retry.reason})` : '';
    ctx.term.stderr.write(
      `${ctx.paint.dim('debug')} ${event.method} ${event.url} -> ${status} (${event.durationMs} ms, attempt ${event.attempt}` +
        `${event.requestId ? `, request id ${event.requestId}` : ''})${retry}\n` +
        `${ctx.paint.dim('debug')}   request headers ${JSON.stringify(event.headers)}` +
        `${event.signedHeaders ? ` signed: ${event.signedHeaders}` : ''}\n`,
    );
  };
}

/** Client options for one service and connection. In --dry-run, credentials are never read. */
export async function clientOptions(ctx: AppContext, service: ServiceName, conn: Connection, recorder?: DryRunRecorder): Promise<ApiClientOptions> {
  const common: ApiClientOptions = {
    userAgent: `hcdr/${VERSION} (node ${process.versions.node})`,
    headers: Object.keys(ctx.globals.headers).length ? ctx.globals.headers : undefined,
    timeoutMs: ctx.globals.timeoutMs,
    logger: ctx.globals.debug ? debugLogger(ctx) : undefined,
    ...environment(ctx),
  };
  if (recorder) return { ...common, ...(await dryRunTarget(ctx, service, conn)), httpHandler: createFetchHandler(recorder.fetchFor(service)) };

  let credentials: CredentialsFile | undefined;
  if (conn.credentialsFile) credentials = await loadCredentials(ctx, conn.credentialsFile);
  return {
    ...common,
    region: conn.region,
    projectId: conn.projectId ?? credentials?.projectId,
    profile: conn.profile,
    configFile: conn.configFile,
    endpoint: conn.endpoint,
    credentials: credentials?.credentials,
  };
}

/**
 * --dry-run must work without credentials (and never touches real ones): resolve region, project and
 * endpoint the usual way with a dummy token; where the region or project is unknown, show placeholders.
 */
async function dryRunTarget(ctx: AppContext, service: ServiceName, conn: Connection): Promise<ApiClientOptions> {
  const [core, descriptor] = await Promise.all([import('@hcdr/core'), serviceDescriptor(service)]);
  const env = ctx.term.env;
  const base = { region: conn.region, profile: conn.profile, configFile: conn.configFile, endpoint: conn.endpoint, credentials: { authToken: 'dry-run' }, ...environment(ctx) };
  try {
    const config = core.resolveClientConfig({ ...base, projectId: conn.projectId, service: descriptor });
    return { ...base, projectId: config.projectId, endpoint: config.baseUrl };
  } catch (error) {
    if (!core.isHuaweiCloudConfigError(error)) throw error;
    if (!error.problems.every((p) => p.setting === 'projectId' || p.setting === 'region')) {
      throw cliConfigError(error.problems, { service, side: conn.side, profile: conn.profile, endpointFrom: conn.endpoint ? conn.origins?.endpoint : undefined });
    }
    // The service's host, taken from its own table.
    const host = new URL(Object.values(descriptor.endpoints)[0] ?? `https://${service}.x`).hostname.split('.')[0];
    let endpoint = conn.endpoint;
    if (!endpoint) {
      const region = conn.region ?? core.readEnv(env, core.ENV.region);
      if (region) {
        const resolved = core.tryResolveEndpoint(descriptor, region);
        if (!resolved.ok) throw new core.HuaweiCloudConfigError(resolved.problems, `Cannot resolve the ${service} endpoint`);
        endpoint = resolved.value.url;
      } else endpoint = `https://${host}.region-not-set.myhuaweicloud.com`;
    }
    const projectId = conn.projectId ?? core.readEnv(env, core.ENV.projectId) ?? 'PROJECT_ID';
    return { ...base, projectId, endpoint };
  }
}

/**
 * Creates a client in the CLI's terms: a configuration problem becomes one error naming flags
 * (exit 4), and every error the client throws later carries the endpoint it used and where that
 * came from (printed by main.ts).
 */
async function cliClient<C extends { config: ResolvedClientConfig }>(service: ServiceName, conn: Connection, create: () => C): Promise<C> {
  const [core, descriptor] = await Promise.all([import('@hcdr/core'), serviceDescriptor(service)]);
  let client: C;
  try {
    client = create();
  } catch (error) {
    if (!core.isHuaweiCloudConfigError(error)) throw error;
    throw cliConfigError(error.problems, { service, side: conn.side, profile: conn.profile, endpointFrom: conn.endpoint ? conn.origins?.endpoint : undefined });
  }
  const note = describeEndpoint(client.config, { override: conn.endpoint, origins: conn.origins, regionEnvVar: (_service, region) => core.regionEndpointEnvVar(descriptor, region) });
  return withEndpointNote(client, note);
}

export async function geminiDbClient(ctx: AppContext, conn: Connection = globalConnection(ctx), recorder?: DryRunRecorder): Promise<GeminiDbClient> {
  const [{ createGeminiDbClient }, options] = await Promise.all([import('@hcdr/geminidb'), clientOptions(ctx, 'geminidb', conn, recorder)]);
  return cliClient('geminidb', conn, () => createGeminiDbClient(options));
}

export async function dwsClient(ctx: AppContext, conn: Connection = globalConnection(ctx), recorder?: DryRunRecorder): Promise<DwsClient> {
  const [{ createDwsClient }, options] = await Promise.all([import('@hcdr/dws'), clientOptions(ctx, 'dws', conn, recorder)]);
  return cliClient('dws', conn, () => createDwsClient(options));
}

/** A VPC client for the same connection (region, project, credentials, endpoint) as a GeminiDB client. */
export async function vpcClient(ctx: AppContext, conn: Connection = globalConnection(ctx), recorder?: DryRunRecorder): Promise<VpcClient> {
  const [{ createVpcClient }, options] = await Promise.all([import('@hcdr/vpc'), clientOptions(ctx, 'vpc', conn, recorder)]);
  return cliClient('vpc', conn, () => createVpcClient(options));
}
