// `hcdr simulator`: runs the stateful local simulator (@hcdr/simulator) so users can rehearse DR
// drills without a cloud account. Generated secrets go to a mode-600 env file (never to the
// terminal); loading it points every later `hcdr` command at the simulator (HCDR_ENDPOINT).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { CliError, UsageError } from '../../io/errors.js';
import { EXIT } from '../../io/exit-codes.js';
import { quote } from '../../io/sanitize.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { action, examples } from '../shared.js';

interface SimulatorFlags {
  port: string;
  host: string;
  jobDuration?: string;
  timeScale?: string;
  writeCredentials?: string;
  precheck: boolean;
  auth: boolean;
  log?: boolean;
}

/** Fills the `simulator` command (created, with its description, by program.ts). */
export function registerSimulator(command: Command, runtime: Runtime): void {
  examples(
    command
      .option('--port <n>', 'port to listen on (0 = any free port)', '0')
      .option('--host <address>', 'address to bind (keep it on loopback: the control API has no authentication)', '127.0.0.1')
      .option('--job-duration <duration>', 'how long each job or DR-task transition takes (default 1.5s)')
      .option('--time-scale <factor>', 'speed-up factor for all durations')
      .option('--write-credentials <path>', 'where to write the generated credentials (default: a private temp dir)')
      .option('--no-precheck', 'allow GeminiDB construction/deconstruction without a precheck')
      .option('--no-auth', 'accept unsigned requests')
      .option('--log', 'log one line per request on stderr')
      .action(
        action<SimulatorFlags>(runtime, async (ctx, o) => {
          const c = new InputChecks();
          const port = c.integer('--port', o.port, rules.integer({ min: 0, max: 65535 })) ?? 0;
          const jobDurationMs = c.duration('--job-duration', o.jobDuration, { min: 1, max: 3_600_000 });
          const timeScale = readTimeScale(c, o.timeScale);
          const host = c.required('--host', o.host, hostName);
          const credentialsPath = c.optional('--write-credentials', o.writeCredentials);
          c.done();

          let sim: typeof import('@hcdr/simulator');
          try {
            sim = await import('@hcdr/simulator');
          } catch {
            throw new CliError('The simulator package is not installed.', EXIT.config, 'Install it next to the CLI: npm install @hcdr/simulator');
          }
          const secretAccessKey = randomBytes(30).toString('base64url');
          const authToken = randomBytes(30).toString('base64url');
          const simulator = sim.createSimulator({
            credentials: { secretAccessKey, authToken },
            ...(jobDurationMs !== undefined ? { jobDurationMs } : {}),
            ...(timeScale !== undefined ? { timeScale } : {}),
            requirePrecheck: o.precheck,
            requireAuth: o.auth,
            log: o.log ? (line) => ctx.term.stderr.write(`${line}\n`) : false,
          });
          let url: string;
          try {
            ({ url } = await simulator.listen(port, host));
          } catch (error) {
            throw listenError(error, host, port);
          }

          const ownDir = credentialsPath ? undefined : mkdtempSync(join(tmpdir(), 'hcdr-simulator-'));
          const file = credentialsPath ?? join(ownDir as string, 'credentials.env');
          try {
            writeFileSync(
              file,
              [
                '# hcdr simulator credentials. Load with: set -a; . <this file>; set +a',
                `HCDR_ENDPOINT=${url}`,
                `HUAWEICLOUD_SDK_AK=${simulator.credentials.accessKeyId}`,
                `HUAWEICLOUD_SDK_SK=${secretAccessKey}`,
                `HUAWEICLOUD_SDK_PROJECT_ID=${sim.DEMO_PROJECT_ID}`,
                '',
              ].join('\n'),
              // 'wx': never overwrite a file the user named — it is deleted again when the simulator stops.
              { mode: 0o600, flag: 'wx' },
            );
            chmodSync(file, 0o600);
          } catch (error) {
            // Do not leave a server running that nobody has the credentials for.
            await simulator.close();
            if (ownDir) rmSync(ownDir, { recursive: true, force: true });
            const code = (error as NodeJS.ErrnoException).code ?? 'error';
            const why = code === 'EEXIST' ? 'already exists (hcdr never overwrites it: the file is deleted when the simulator stops)' : `cannot be written (${code})`;
            throw new UsageError([{ flag: '--write-credentials', message: `${quote(file)} ${why}` }], { note: 'the simulator was stopped' });
          }

          const p = ctx.paint;
          ctx.term.stdout.write(
            [
              `hcdr simulator listening on ${p.bold(url)}`,
              `  credentials: access key ${simulator.credentials.accessKeyId}, secret key in ${file} (not shown)`,
              `  use it:      set -a; . ${file}; set +a`,
              `               hcdr geminidb instances list          # every hcdr command now talks to the simulator`,
              `               hcdr dws dr list`,
              `  or:          hcdr --endpoint ${url} --credentials-file ${file} geminidb instances list`,
              `  faults:      curl -X POST ${url}/__sim/faults -d '{"match":{"operationId":"switchToMaster"},"fault":"busy"}'`,
              `  state:       ${url}/__sim/state    reset: curl -X POST ${url}/__sim/reset`,
              'Ctrl-C stops it.',
              '',
            ].join('\n'),
          );
          await new Promise<void>((resolve) => {
            if (ctx.signal.aborted) resolve();
            ctx.signal.addEventListener('abort', () => resolve(), { once: true });
          });
          await simulator.close();
          if (ownDir) rmSync(ownDir, { recursive: true, force: true });
          else rmSync(file, { force: true });
          ctx.term.stderr.write('simulator stopped\n');
        }),
      ),
    'hcdr simulator',
    'hcdr simulator --port 8080 --job-duration 10s --log',
  );
}

/** A host name or IP literal to bind: letters, digits, '.', ':', '-', '_' (whether it exists is up to listen). */
const hostName: rules.Rule = (v) => (/^[A-Za-z0-9._:-]{1,253}$/.test(v) ? undefined : 'must be an IP address or host name to listen on, e.g. 127.0.0.1');

/** --time-scale: a positive, finite decimal number (no 1e309, NaN, hex or sign). */
function readTimeScale(c: InputChecks, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\s*\d{1,9}(\.\d{1,9})?\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0)) {
    c.fail('--time-scale', `${quote(text)} must be a positive number such as 10 or 0.5`);
    return undefined;
  }
  return value;
}

/** A listen failure names the flag to change: the address (--host) or the port (--port). */
function listenError(error: unknown, host: string, port: number): UsageError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
  const portProblem = code === 'EADDRINUSE' || code === 'EACCES';
  return new UsageError(
    [portProblem ? { flag: '--port', message: `cannot listen on port ${port} of ${host} (${code})` } : { flag: '--host', message: `cannot listen on ${quote(host)} (${code})` }],
    { note: 'the simulator did not start' },
  );
}
