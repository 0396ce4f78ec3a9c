// @ts-check
import { spawn } from 'node:child_process';

/**
 * @typedef {object} ExecResult
 * @property {number} code
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} ms
 */

/**
 * Runs a command without a shell and collects its output. Never throws for a non-zero exit:
 * the caller decides (use `check: true` to throw with the output in the message).
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, baseEnv?: NodeJS.ProcessEnv, check?: boolean, timeoutMs?: number, input?: string }} [options]
 *   `env` is added to `baseEnv` (default: this process's environment).
 * @returns {Promise<ExecResult>}
 */
export function exec(command, args, options = {}) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...(options.baseEnv ?? process.env), ...quietEnv, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.stdin.end(options.input ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = { code: code ?? (signal ? 128 : 1), stdout, stderr, ms: performance.now() - started };
      if (options.check && result.code !== 0) {
        reject(new Error(`${command} ${args.join(' ')} exited ${result.code}${signal ? ` (${signal})` : ''}\n${stdout}\n${stderr}`.trim()));
      } else {
        resolve(result);
      }
    });
  });
}

/** Keeps tool output plain and free of telemetry and update checks. */
export const quietEnv = {
  REDOCLY_TELEMETRY: 'off',
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  NO_UPDATE_NOTIFIER: '1',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};

/** `npm` as a command: on Windows it is `npm.cmd` (this repo's CI is Linux, but keep it portable). */
export const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * This process's environment without what `npm run` adds for the monorepo (npm_config_local_prefix,
 * workspace settings, npm_package_*, npm_lifecycle_*), so npm run in a folder outside the repo treats
 * that folder as its own project. Cache, registry and user config settings are kept.
 * @returns {NodeJS.ProcessEnv}
 */
export function envOutsideRepo() {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (/^npm_(package|lifecycle)_/.test(lower) || lower === 'npm_command' || lower === 'init_cwd') continue;
    if (['npm_config_local_prefix', 'npm_config_workspace', 'npm_config_workspaces', 'npm_config_include_workspace_root', 'npm_config_call'].includes(lower)) continue;
    env[key] = value;
  }
  return env;
}
