// Consumer check: install the packed client packages into a fresh project outside the repo, exactly
// as a user would get them from the registry, type-check a strict ESM program against them and run it
// against a local mock; then see what a CommonJS user gets from require().
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envOutsideRepo, exec, npmCommand } from '../src/exec.mjs';
import { packWorkspace } from '../src/pack.mjs';
import { readReleaseConfig } from '../src/release-config.mjs';
import { successExample } from '../src/spec-examples.mjs';
import { workspaceByName } from '../src/workspaces.mjs';

const require = createRequire(import.meta.url);
const versionOf = (name: string) => (require(`${name}/package.json`) as { version: string }).version;

const PROJECT_ID = '0123456789abcdef0123456789abcdef';
const served = [successExample('geminidb-dr', 'showInstanceRole'), successExample('dws-dr', 'showDisasterDetail')];

let project: string;
let server: Server;
let mockUrl: string;
const received: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];

/** Runs a command in the consumer project with the environment a user would have (no repo npm settings). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return exec(command, args, { cwd: project, baseEnv: envOutsideRepo(), env, timeoutMs: 60_000 });
}

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  writeFileSync(path.join(project, file), text);
}

beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), 'hcdr-consumer-'));
  const tarballs = path.join(project, 'tarballs');
  mkdirSync(tarballs);
  const dependencies: Record<string, string> = {};
  for (const name of readReleaseConfig().consumerCheck) {
    const packed = await packWorkspace(workspaceByName(name), tarballs);
    dependencies[name] = `file:tarballs/${path.basename(packed.tarballPath)}`;
  }
  write(
    'package.json',
    JSON.stringify(
      {
        name: 'hcdr-consumer-check',
        private: true,
        type: 'module',
        dependencies,
        // The repo's own versions: already in the npm cache after `npm ci`, so the install works offline.
        devDependencies: { typescript: versionOf('typescript'), '@types/node': versionOf('@types/node') },
      },
      null,
      2,
    ),
  );
  // --prefer-offline: third-party dependencies (openapi-fetch, typescript…) come from the npm cache,
  // or the registry when the cache lacks them; @hcdr/* come only from the tarballs.
  const install = await run(npmCommand, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock']);
  if (install.code !== 0) throw new Error(`npm install in ${project} failed:\n${install.stdout}\n${install.stderr}`);

  server = createServer((request, response) => {
    received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const match = served.find((example) => example.method === request.method && example.pattern.test(pathname));
    response.setHeader('content-type', 'application/json');
    response.setHeader('x-request-id', 'consumer-check');
    if (!match) {
      response.statusCode = 404;
      response.end(JSON.stringify({ error_code: 'MOCK.404', error_msg: `no example for ${request.method} ${pathname}` }));
      return;
    }
    response.statusCode = match.status;
    response.end(JSON.stringify(match.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  mockUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 90_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('a fresh ESM TypeScript project installing the tarballs', () => {
  it('gets real copies of each package from its tarball, one @hcdr/core, and openapi-fetch', () => {
    for (const name of readReleaseConfig().consumerCheck) {
      const dir = path.join(project, 'node_modules', name);
      expect(lstatSync(dir).isSymbolicLink(), `${name} must be installed, not linked to the repo`).toBe(false);
      expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe(workspaceByName(name).version);
    }
    expect(() => lstatSync(path.join(project, 'node_modules/@hcdr/geminidb/node_modules/@hcdr/core'))).toThrow();
    expect(lstatSync(path.join(project, 'node_modules/openapi-fetch/package.json')).isFile()).toBe(true);
  });

  it('type-checks a strict NodeNext program (skipLibCheck off) and runs it against a mock of the spec examples', async () => {
    write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          types: ['node'],
          rootDir: 'src',
          outDir: 'out',
        },
        include: ['src'],
      }),
    );
    write(
      'src/main.ts',
      `import { createGeminiDbClient } from '@hcdr/geminidb';
import { createDwsClient } from '@hcdr/dws';
import { isHuaweiCloudApiError } from '@hcdr/core';

const endpoint = process.env.MOCK_URL ?? 'http://127.0.0.1:9';
const credentials = { accessKeyId: 'EXAMPLEAK', secretAccessKey: 'EXAMPLESK' };

const gdb = createGeminiDbClient({ endpoint, projectId: '${PROJECT_ID}', credentials });
// Methods resolve to the data (and throw a typed error otherwise).
// An open enum in the spec (the SDKs accept any value): a string.
const role: string | undefined = (await gdb.showInstanceRole({ instance_id: 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12' })).role;

const dws = createDwsClient({ endpoint, projectId: '${PROJECT_ID}', credentials });
const detail = await dws.showDisasterDetail({ disaster_recovery_id: 'e59d6b86-9072-46eb-a996-13f8b44994c1' });
const status: string | undefined = detail.disaster_recovery?.status;

// The types are real, not any: a missing path parameter is a compile error.
export function neverCalled() {
  // @ts-expect-error instance_id is required
  return gdb.showInstanceRole({});
}

console.log(JSON.stringify({ role, status, plainErrorIsApiError: isHuaweiCloudApiError(new Error('x')) }));
`,
    );
    const tsc = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']);
    expect(tsc.stdout + tsc.stderr, 'tsc errors in the consumer project').toBe('');
    expect(tsc.code).toBe(0);

    received.length = 0;
    const program = await run(process.execPath, ['out/main.js'], { MOCK_URL: mockUrl, HOME: project });
    expect(program.stderr).toBe('');
    expect(JSON.parse(program.stdout)).toEqual({ role: 'master', status: 'running', plainErrorIsApiError: false });
    expect(received.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET /v3/${PROJECT_ID}/instances/a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12/instance-role`,
      `GET /v2/${PROJECT_ID}/disaster-recovery/e59d6b86-9072-46eb-a996-13f8b44994c1`,
    ]);
    for (const request of received) expect(request.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=EXAMPLEAK, SignedHeaders=.*host.*, Signature=[0-9a-f]{64}$/);
  }, 60_000);
});

describe('CommonJS users (no CJS build is shipped)', () => {
  it('require() works through Node’s require(esm) (Node ≥ 20.19, no top-level await in the packages)', async () => {
    write(
      'check.cjs',
      `const gdb = require('@hcdr/geminidb');
const dws = require('@hcdr/dws');
const core = require('@hcdr/core');
console.log(JSON.stringify({ node: process.version, geminidb: typeof gdb.createGeminiDbClient, dws: typeof dws.createDwsClient, core: typeof core.signRequest }));
`,
    );
    const result = await run(process.execPath, ['check.cjs']);
    console.log(`require(esm) on ${process.version}: exit ${result.code}, stdout ${result.stdout.trim()}, stderr ${JSON.stringify(result.stderr.trim())}`);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ geminidb: 'function', dws: 'function', core: 'function' });
  });

  it('TypeScript accepts `import x = require()` of the packages in a .cts file under NodeNext', async () => {
    write(
      'cts/check.cts',
      `import gdb = require('@hcdr/geminidb');
const client: gdb.GeminiDbClient = gdb.createGeminiDbClient({ region: 'ap-southeast-1' });
export = client;
`,
    );
    write(
      'cts/tsconfig.json',
      JSON.stringify({
        compilerOptions: { target: 'ES2022', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: ['node'], skipLibCheck: true, noEmit: true },
        include: ['check.cts'],
      }),
    );
    const tsc = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'cts']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  }, 30_000);
});
