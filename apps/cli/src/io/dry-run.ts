// --dry-run: the real client and transport build the request (same URL, headers and body as a real
// run), but the final fetch only records it and answers with a canned success, so multi-step
// workflows (pair) can show every request they would send. Nothing leaves the machine, credentials
// are a dummy token, and headers and bodies are redacted before they are stored.
import type { AppContext } from '../context.js';
import type { ServiceName } from '../config/client-options.js';

export interface RecordedRequest {
  service: ServiceName;
  operation: string | undefined;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface DryRunRecorder {
  readonly requests: RecordedRequest[];
  fetchFor(service: ServiceName): (request: Request) => Promise<Response>;
}

interface OperationRow {
  method: string;
  path: string;
}

function matcher(table: Readonly<Record<string, OperationRow>>) {
  const routes = Object.entries(table).map(([id, row]) => ({
    id,
    method: row.method,
    // Literal segments first wins over templates (check-name vs {id}), as in the specs.
    literal: row.path.split('/').filter((s) => !s.startsWith('{')).length,
    // An endpoint may have a base path (the simulator's /{region}): the route is the end of the path.
    re: new RegExp(`^(?:/[^/]+)*?${row.path.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
  }));
  routes.sort((a, b) => b.literal - a.literal);
  return (method: string, path: string) => routes.find((r) => r.method === method && r.re.test(path))?.id;
}

/** Stands in for the ID the primary's construction would return. */
export const DRY_RUN_DR_ID = '<disaster_recovery_id returned by the primary>';

/** Dry runs use a dummy token; the real run signs with AK/SK or sends a token, added when sending. */
function withoutAuth(headers: Record<string, string>): Record<string, string> {
  const { 'x-auth-token': _token, authorization: _auth, ...rest } = headers;
  return rest;
}

export async function createDryRunRecorder(): Promise<DryRunRecorder> {
  const [core, gdb, dws, vpc] = await Promise.all([import('@hcdr/core'), import('@hcdr/geminidb'), import('@hcdr/dws'), import('@hcdr/vpc')]);
  const match = { geminidb: matcher(gdb.operations), dws: matcher(dws.operations), vpc: matcher(vpc.operations) };
  const secretKeys = { geminidb: [...gdb.secretFields], dws: [...dws.secretFields], vpc: [...vpc.secretFields] };
  const requests: RecordedRequest[] = [];
  let jobs = 0;

  const respond = (service: ServiceName, operation: string | undefined, request: Request, path: string): Response => {
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (service === 'geminidb') {
      if (operation === 'checkDisasterRecoveryOperation') return new Response(null, { status: 204 });
      if (operation === 'createDisasterRecovery') return json(202, { job_id: `dry-run-job-${++jobs}`, disaster_recovery_id: DRY_RUN_DR_ID });
      if (request.method !== 'GET') return json(202, { job_id: `dry-run-job-${++jobs}` });
      return json(200, {});
    }
    const id = /\/disaster-recovery\/([^/]+)/.exec(path)?.[1] ?? 'dry-run-dr-id';
    return json(200, request.method === 'GET' ? {} : { disaster_recovery: { id } });
  };

  return {
    requests,
    fetchFor(service) {
      return async (request: Request) => {
        const url = new URL(request.url);
        const operation = match[service](request.method, decodeURIComponent(url.pathname));
        const text = request.body === null ? '' : await request.clone().text();
        let body: unknown;
        if (text !== '') {
          const redacted = core.redactJsonText(text, { keys: secretKeys[service] });
          try {
            body = JSON.parse(redacted);
          } catch {
            body = redacted;
          }
        }
        requests.push({
          service,
          operation,
          method: request.method,
          url: request.url,
          headers: withoutAuth(core.redactHeaders(request.headers)),
          ...(body === undefined ? {} : { body }),
        });
        return respond(service, operation, request, url.pathname);
      };
    },
  };
}

/** Prints what would have been sent (stdout: it is the command's result in this mode). */
export function printDryRun(
  ctx: AppContext,
  requests: readonly RecordedRequest[],
  notes: readonly string[] = [],
  extra: Record<string, unknown> = {},
  options: { readsSent?: boolean } = {},
): void {
  if (ctx.out.machine) {
    ctx.out.data({ dry_run: true, requests, notes: ['authentication (AK/SK signature or X-Auth-Token) is added when the request is really sent', ...notes], ...extra });
    return;
  }
  const p = ctx.out.paint;
  // `dr pair` looks the networks up for real (GET only) so the requests shown carry real values.
  const head = options.readsSent ? 'Dry run: nothing was changed (only read-only lookups were sent, see the notes).' : 'Dry run: nothing was sent.';
  const lines = [`${head} ${requests.length} request${requests.length === 1 ? '' : 's'} would be sent:`, ''];
  for (const r of requests) {
    lines.push(`${p.bold(`${r.method} ${r.url}`)}${r.operation ? p.dim(`   (${r.operation})`) : ''}`);
    for (const [name, value] of Object.entries(r.headers)) lines.push(`  ${name}: ${value}`);
    if (r.body !== undefined) lines.push(...JSON.stringify(r.body, null, 2).split('\n').map((l) => `  ${l}`));
    lines.push('');
  }
  lines.push('note: authentication (AK/SK signature or X-Auth-Token) is added when the request is really sent');
  for (const note of notes) lines.push(`note: ${note}`);
  ctx.out.stdout.write(`${lines.join('\n').trimEnd()}\n`);
}
