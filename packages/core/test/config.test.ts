import { describe, expect, it } from 'vitest';
import { resolveClientConfig, type ResolveClientConfigOptions } from '../src/config/resolve-config.js';
import { loadProfileFile, type ConfigFileSystem } from '../src/config/profile-file.js';
import { isHuaweiCloudConfigError, type HuaweiCloudConfigError } from '../src/errors/errors.js';
import { ALL_TEST_SECRETS, TEST_AK, TEST_AUTH_TOKEN, TEST_SECURITY_TOKEN, TEST_SK, exampleService } from './helpers.js';

const HOME = '/home/u';
const DEFAULT_PATH = '/home/u/.hcdr/config.json';

function memoryFs(files: Record<string, { text: string; mode?: number }>): ConfigFileSystem & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile(path) {
      reads.push(path);
      return files[path]?.text;
    },
    fileMode(path) {
      return files[path]?.mode ?? 0o600;
    },
  };
}

const profileFile = (profiles: Record<string, unknown>, mode = 0o600) => ({ text: JSON.stringify({ profiles }), mode });

function resolve(options: Partial<ResolveClientConfigOptions>, env: Record<string, string | undefined> = {}, fs = memoryFs({})) {
  return resolveClientConfig({ service: exampleService, env, fs, homeDir: HOME, ...options });
}

function configError(fn: () => unknown): HuaweiCloudConfigError {
  try {
    fn();
  } catch (e) {
    if (isHuaweiCloudConfigError(e)) return e;
    throw e;
  }
  throw new Error('expected a HuaweiCloudConfigError');
}

const fullEnv = {
  HUAWEICLOUD_SDK_AK: TEST_AK,
  HUAWEICLOUD_SDK_SK: TEST_SK,
  HUAWEICLOUD_SDK_PROJECT_ID: 'env-project',
  HUAWEICLOUD_SDK_REGION_ID: 'cn-north-4',
};

describe('zero-config from the environment', () => {
  it('resolves everything from env alone', () => {
    const c = resolve({}, fullEnv);
    expect(c).toMatchObject({
      service: 'example',
      baseUrl: 'https://example.cn-north-4.myhuaweicloud.com',
      region: 'cn-north-4',
      projectId: 'env-project',
      auth: { type: 'aksk', accessKeyId: TEST_AK, secretAccessKey: TEST_SK },
      sources: { region: 'env', projectId: 'env', credentials: 'env', endpoint: 'table' },
    });
  });

  it('does not read the profile file when nothing is missing', () => {
    const fs = memoryFs({ [DEFAULT_PATH]: profileFile({ default: { region: 'ap-southeast-1' } }) });
    resolve({}, fullEnv, fs);
    expect(fs.reads).toEqual([]);
  });

  it('reads temporary credentials (security token)', () => {
    const c = resolve({}, { ...fullEnv, HUAWEICLOUD_SDK_SECURITY_TOKEN: TEST_SECURITY_TOKEN });
    expect(c.auth).toMatchObject({ type: 'aksk', securityToken: TEST_SECURITY_TOKEN });
  });

  it('reads token auth from HUAWEICLOUD_SDK_AUTH_TOKEN', () => {
    const c = resolve({}, { HUAWEICLOUD_SDK_AUTH_TOKEN: TEST_AUTH_TOKEN, HUAWEICLOUD_SDK_PROJECT_ID: 'p', HUAWEICLOUD_SDK_REGION_ID: 'cn-north-4' });
    expect(c.auth).toEqual({ type: 'token', token: TEST_AUTH_TOKEN });
  });

  it('prefers AK/SK over a token from the same source', () => {
    const c = resolve({}, { ...fullEnv, HUAWEICLOUD_SDK_AUTH_TOKEN: TEST_AUTH_TOKEN });
    expect(c.auth?.type).toBe('aksk');
  });

  it('treats blank variables as unset', () => {
    const e = configError(() => resolve({}, { ...fullEnv, HUAWEICLOUD_SDK_REGION_ID: '  ' }));
    expect(e.problems.map((p) => p.setting)).toEqual(['region']);
  });

  it('uses the env endpoint override', () => {
    const c = resolve({}, { ...fullEnv, HUAWEICLOUD_SDK_REGION_EXAMPLE_CN_NORTH_4: 'http://127.0.0.1:4010' });
    expect(c.baseUrl).toBe('http://127.0.0.1:4010');
    expect(c.sources.endpoint).toBe('env');
  });
});

describe('precedence: option > env > profile', () => {
  const fs = () =>
    memoryFs({
      [DEFAULT_PATH]: profileFile({
        default: { region: 'ap-southeast-1', project_id: 'profile-project', access_key_id: 'PROFILEAK', secret_access_key: 'profile-sk-value' },
      }),
    });

  it('profile supplies what nothing else does', () => {
    const c = resolve({}, {}, fs());
    expect(c).toMatchObject({ region: 'ap-southeast-1', projectId: 'profile-project', auth: { accessKeyId: 'PROFILEAK' } });
    expect(c.sources).toEqual({ region: 'profile', projectId: 'profile', credentials: 'profile', endpoint: 'table' });
    expect(c.profile).toEqual({ name: 'default', path: DEFAULT_PATH, used: true });
  });

  it('env beats profile', () => {
    const c = resolve({}, fullEnv, fs());
    expect(c).toMatchObject({ region: 'cn-north-4', projectId: 'env-project', auth: { accessKeyId: TEST_AK } });
  });

  it('options beat env', () => {
    const c = resolve(
      { region: 'cn-east-3', projectId: 'opt-project', credentials: { accessKeyId: 'OPTAK', secretAccessKey: 'opt-sk' }, endpoint: 'https://proxy.example' },
      fullEnv,
      fs(),
    );
    expect(c).toMatchObject({ region: 'cn-east-3', projectId: 'opt-project', baseUrl: 'https://proxy.example', auth: { accessKeyId: 'OPTAK' } });
    expect(c.sources).toEqual({ region: 'option', projectId: 'option', credentials: 'option', endpoint: 'option' });
  });

  it('takes credentials as a unit: no AK from one source with an SK from another', () => {
    const e = configError(() => resolve({}, { HUAWEICLOUD_SDK_AK: 'ENVAK', HUAWEICLOUD_SDK_REGION_ID: 'cn-north-4', HUAWEICLOUD_SDK_PROJECT_ID: 'p' }, fs()));
    expect(e.problems).toHaveLength(1);
    expect(e.message).toContain('missing env HUAWEICLOUD_SDK_SK');
  });

  it('profile "projects" map is used for the resolved region', () => {
    const f = memoryFs({ [DEFAULT_PATH]: profileFile({ default: { project_id: 'home-proj', region: 'cn-north-4', projects: { 'ap-southeast-1': 'sg-proj' }, auth_token: 't-long-enough' } }) });
    expect(resolve({ region: 'ap-southeast-1' }, {}, f).projectId).toBe('sg-proj');
    expect(resolve({}, {}, f).projectId).toBe('home-proj');
  });

  it("never uses a profile's project_id for a different region", () => {
    const f = memoryFs({ [DEFAULT_PATH]: profileFile({ default: { project_id: 'home-proj', region: 'cn-north-4', auth_token: 't-long-enough' } }) });
    const e = configError(() => resolve({ region: 'ap-southeast-1' }, {}, f));
    expect(e.problems.map((p) => p.setting)).toEqual(['projectId']);
    expect(e.message).toContain('"projects": { "ap-southeast-1": "<project id>" }');
  });

  it('profile name: option > HCDR_PROFILE > default; file: option > HCDR_CONFIG_FILE > ~/.hcdr/config.json', () => {
    const files = memoryFs({
      '/etc/hcdr.json': profileFile({
        default: { region: 'cn-north-4', project_id: 'd', auth_token: 'tok-default' },
        prod: { region: 'cn-north-4', project_id: 'prod', auth_token: 'tok-prod' },
        dr: { region: 'cn-north-4', project_id: 'dr', auth_token: 'tok-dr' },
      }),
    });
    const env = { HCDR_CONFIG_FILE: '/etc/hcdr.json', HCDR_PROFILE: 'prod' };
    expect(resolve({}, env, files).projectId).toBe('prod');
    expect(resolve({ profile: 'dr' }, env, files).projectId).toBe('dr');
    expect(resolve({}, { HCDR_CONFIG_FILE: '/etc/hcdr.json' }, files).projectId).toBe('d');
    expect(resolve({ configFile: '/etc/hcdr.json' }, {}, files).profile.path).toBe('/etc/hcdr.json');
  });
});

describe('the single aggregated error', () => {
  it('lists everything missing and every way to supply it', () => {
    const e = configError(() => resolve({}, {}));
    expect(e.problems.map((p) => p.setting)).toEqual(['region', 'projectId', 'credentials']);
    const m = e.message;
    for (const expected of [
      "region: 'cn-north-4'",
      'HUAWEICLOUD_SDK_REGION_ID',
      '"region"',
      "projectId: '<project id>'",
      'HUAWEICLOUD_SDK_PROJECT_ID',
      '"projects"',
      'never looked up or created',
      'credentials: { accessKeyId, secretAccessKey, securityToken? }',
      'credentials: { authToken }',
      'HUAWEICLOUD_SDK_AK',
      'HUAWEICLOUD_SDK_SK',
      'HUAWEICLOUD_SDK_SECURITY_TOKEN',
      'HUAWEICLOUD_SDK_AUTH_TOKEN',
      '"access_key_id" + "secret_access_key"',
      '"auth_token"',
      DEFAULT_PATH,
      'not found',
    ]) {
      expect(m).toContain(expected);
    }
  });

  it('combines missing values with invalid ones (unknown region)', () => {
    const e = configError(() => resolve({ region: 'xx-nowhere-9' }, {}));
    expect(e.problems.map((p) => p.setting).sort()).toEqual(['credentials', 'projectId', 'region']);
    expect(e.message).toContain('Unknown region "xx-nowhere-9"');
    expect(e.message).toContain('HUAWEICLOUD_SDK_REGION_EXAMPLE_XX_NOWHERE_9');
  });

  it('refuses an insecure endpoint in the same error', () => {
    const e = configError(() => resolve({ endpoint: 'http://api.example' }, fullEnv));
    expect(e.problems.map((p) => p.setting)).toEqual(['endpoint']);
    expect(resolve({ endpoint: 'http://api.example', allowInsecureHttp: true }, fullEnv).baseUrl).toBe('http://api.example');
  });

  it('an explicit endpoint lets region be omitted', () => {
    const c = resolve({ endpoint: 'http://localhost:4010', projectId: 'p', credentials: { authToken: TEST_AUTH_TOKEN } }, {});
    expect(c.region).toBeUndefined();
    expect(c.baseUrl).toBe('http://localhost:4010');
  });

  it('reports empty explicit credentials', () => {
    const e = configError(() => resolve({ credentials: { accessKeyId: 'AK', secretAccessKey: '' } }, fullEnv));
    expect(e.message).toContain('missing option credentials.secretAccessKey');
  });

  it('mentions ignored (misspelt) profile keys when something is missing', () => {
    const f = memoryFs({ [DEFAULT_PATH]: profileFile({ default: { region: 'cn-north-4', project_id: 'p', secret_key: 'oops-wrong-key-name' } }) });
    const e = configError(() => resolve({}, { HCDR_METADATA_ENDPOINT: 'off' }, f));
    expect(e.message).toContain('ignores: secret_key');
    expect(e.message).not.toContain('oops-wrong-key-name');
  });

  it.each(['constructor', 'toString', '__proto__'])('a profile named %j that is not in the file is reported, not a TypeError', (name) => {
    const f = memoryFs({ [DEFAULT_PATH]: profileFile({ default: { region: 'cn-north-4', project_id: 'p' } }) });
    const e = configError(() => resolve({ profile: name }, {}, f));
    expect(e.message).toContain(`Profile "${name}" is not in ${DEFAULT_PATH}`);
  });
});

describe('profile file', () => {
  it('refuses a file with secrets readable by group or others, without printing the secret', () => {
    const f = memoryFs({ [DEFAULT_PATH]: profileFile({ default: { region: 'cn-north-4', project_id: 'p', access_key_id: 'AK', secret_access_key: TEST_SK } }, 0o644) });
    const e = configError(() => resolve({}, {}, f));
    expect(e.message).toContain('permissions are 0644');
    expect(e.message).toContain(`chmod 600 ${DEFAULT_PATH}`);
    expect(e.message).not.toContain(TEST_SK);
  });

  it('accepts group/other-readable files without secrets, and 0600 files with them', () => {
    const noSecret = memoryFs({ [DEFAULT_PATH]: profileFile({ default: { region: 'cn-north-4', project_id: 'p' } }, 0o644) });
    expect(resolve({}, { HUAWEICLOUD_SDK_AUTH_TOKEN: TEST_AUTH_TOKEN }, noSecret).projectId).toBe('p');
    const secret = memoryFs({ [DEFAULT_PATH]: profileFile({ default: { region: 'cn-north-4', project_id: 'p', auth_token: TEST_AUTH_TOKEN } }, 0o600) });
    expect(resolve({}, {}, secret).auth).toEqual({ type: 'token', token: TEST_AUTH_TOKEN });
  });

  it('skips the permission check where the platform has no modes', () => {
    const fs: ConfigFileSystem = { readFile: () => JSON.stringify({ profiles: { default: { auth_token: 'x' } } }), fileMode: () => undefined };
    expect(loadProfileFile('/p', fs).status).toBe('loaded');
  });

  it('reports invalid JSON without quoting the content', () => {
    const f = memoryFs({ [DEFAULT_PATH]: { text: `{"profiles": {"default": {"secret_access_key": "${TEST_SK}"` } });
    const e = configError(() => resolve({}, {}, f));
    expect(e.message).toContain('is not valid JSON');
    expect(e.message).not.toContain(TEST_SK);
  });

  it('reports a wrong shape and wrong value types', () => {
    expect(loadProfileFile('/p', memoryFs({ '/p': { text: '[]' } }))).toMatchObject({ status: 'invalid' });
    const r = loadProfileFile('/p', memoryFs({ '/p': profileFile({ default: { region: 4, projects: { a: 1 } } }) }));
    expect(r.status).toBe('invalid');
    expect(JSON.stringify(r)).toContain('key \\"region\\"');
    expect(JSON.stringify(r)).toContain('key \\"projects\\"');
  });

  it('errors when an explicitly requested profile does not exist, listing the available ones', () => {
    const f = memoryFs({ [DEFAULT_PATH]: profileFile({ default: {}, prod: {} }) });
    const e = configError(() => resolve({ profile: 'staging' }, fullEnv, f));
    expect(e.message).toContain('Profile "staging" is not in');
    expect(e.message).toContain('Available: default, prod');
  });

  it('errors when HCDR_CONFIG_FILE points to a missing file, but not when the default file is absent', () => {
    expect(configError(() => resolve({}, { ...fullEnv, HCDR_CONFIG_FILE: '/nope.json' })).message).toContain('/nope.json does not exist');
    expect(resolve({}, fullEnv).projectId).toBe('env-project');
  });

  it('reports unreadable files', () => {
    const fs: ConfigFileSystem = {
      readFile: () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
      fileMode: () => 0o600,
    };
    expect(configError(() => resolve({}, {}, fs as ConfigFileSystem & { reads: string[] })).message).toContain('Cannot read profile file /home/u/.hcdr/config.json (EACCES)');
  });
});

describe('secrets stay out of printable output', () => {
  it('JSON.stringify and util.inspect of the resolved config redact the secrets', async () => {
    const { inspect } = await import('node:util');
    const c = resolve({}, { ...fullEnv, HUAWEICLOUD_SDK_SECURITY_TOKEN: TEST_SECURITY_TOKEN });
    const printed = [JSON.stringify(c), inspect(c, { depth: 5 }), String(JSON.stringify(c.auth))];
    for (const text of printed) for (const s of ALL_TEST_SECRETS) expect(text).not.toContain(s);
    expect(JSON.stringify(c)).toContain(TEST_AK);
    // the values are still there for the transport
    expect(c.auth?.type === 'aksk' && c.auth.secretAccessKey).toBe(TEST_SK);
  });

  it('config error messages never contain secret values', () => {
    const messages = [
      configError(() => resolve({}, { HUAWEICLOUD_SDK_SK: TEST_SK, HUAWEICLOUD_SDK_SECURITY_TOKEN: TEST_SECURITY_TOKEN })).message,
      configError(() => resolve({ credentials: { authToken: TEST_AUTH_TOKEN } }, {})).message,
    ];
    for (const m of messages) for (const s of ALL_TEST_SECRETS) expect(m).not.toContain(s);
  });
});
