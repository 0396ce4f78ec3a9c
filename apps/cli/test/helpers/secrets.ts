// Secret hygiene for every CLI test run: the secret values a run can know (credentials and DR
// password from the environment, secret stdin, secret files the tests created, values registered
// by a test) must never appear in its stdout or stderr — not raw, and not base64-, URL- or
// JSON-encoded either (an encoded secret is still a leaked secret, e.g. inside a logged body).

/** Distinctive values for tests to use as secrets: unlikely to occur by accident, easy to grep. */
export const CANARY = Object.freeze({
  sk: 'CANARY-sk-9f2c41e7-do-not-print',
  securityToken: 'CANARY-st-5b8d03aa-do-not-print',
  authToken: 'CANARY-token-e61f7c92-do-not-print',
  password: 'CANARY#DR-pass-3c7e19d4',
});

/** Environment variables that hold secrets (the access key ID and project ID are identifiers, not secrets). */
export const SECRET_ENV = ['HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN', 'HUAWEICLOUD_SDK_AUTH_TOKEN', 'HCDR_DR_PASSWORD'] as const;

/** Shorter values would match unrelated output by chance: a test must use a distinctive secret. */
const MIN_LENGTH = 8;

const registered = new Set<string>();

/** Adds values every later run is checked against (for secrets a test passes in other ways). */
export function registerSecret(...values: string[]): void {
  for (const value of values) registered.add(checked(value, 'registered secret'));
}

function checked(value: string, what: string): string {
  if (value.length < MIN_LENGTH) throw new Error(`${what} "${value}" is too short to be checked reliably: use a distinctive value such as CANARY.sk`);
  return value;
}

/**
 * The secrets in a credentials or password text: SK / security token / auth token of a JSON or
 * KEY=VALUE credentials file, or (anything else) the whole text as a password.
 */
export function secretsInText(text: string): string[] {
  const trimmed = text.trim();
  const found: string[] = [];
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as Record<string, unknown>;
      for (const key of ['secret_access_key', 'secretAccessKey', 'security_token', 'securityToken', 'auth_token', 'authToken']) {
        const value = parsed[key];
        if (typeof value === 'string' && value.trim() !== '') found.push(value.trim());
      }
      return found;
    } catch {
      // Not JSON after all: treat as a password below.
    }
  }
  const lines = [...trimmed.matchAll(/^(?:export\s+)?([A-Z_]+)\s*=\s*(.*)$/gm)];
  if (lines.length > 0) {
    for (const [, key, value] of lines) {
      if ((SECRET_ENV as readonly string[]).includes(key ?? '') && value) found.push(value.replace(/^(['"])(.*)\1$/, '$2').trim());
    }
    return found;
  }
  return trimmed === '' ? [] : [text.replace(/\r?\n$/, '')];
}

/** What one run knows: registered values, secret env vars, and stdin when a flag says stdin holds a secret. */
export function secretsOfRun(args: readonly string[], env: Readonly<Record<string, string | undefined>>, input: string | undefined): Set<string> {
  const secrets = new Set(registered);
  for (const name of SECRET_ENV) {
    const value = env[name];
    if (value !== undefined && value !== '') secrets.add(checked(value, name));
  }
  const stdinIsSecret = args.some((a, i) => a === '--password-stdin' || (/(^--|-)(password-file|credentials-file)$/.test(a) && args[i + 1] === '-'));
  if (stdinIsSecret && input) for (const value of secretsInText(input)) secrets.add(checked(value, 'secret on stdin'));
  return secrets;
}

/** base64 of `secret` wherever it starts inside a longer encoded text (three byte alignments), standard and URL alphabets. */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const encoded = padded.toString('base64').replace(/=+$/, '');
    // Characters whose 6 bits all come from the secret.
    const first = Math.ceil((shift * 8) / 6);
    const last = Math.floor(((shift + bytes.length) * 8) / 6);
    const core = encoded.slice(first, last);
    if (core.length >= MIN_LENGTH) forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

/** Every form a secret is looked for in. */
export function leakForms(secret: string): { form: string; text: string }[] {
  const forms = [
    { form: 'raw', text: secret },
    { form: 'URL-encoded', text: encodeURIComponent(secret) },
    { form: 'form-encoded', text: new URLSearchParams({ s: secret }).toString().slice(2) },
    { form: 'JSON-escaped', text: JSON.stringify(secret).slice(1, -1) },
    ...base64Forms(secret).map((text) => ({ form: 'base64', text })),
  ];
  return forms.filter((f, i) => forms.findIndex((g) => g.text === f.text) === i);
}

/** Describes the first secret found in `output` (by a short prefix and the form), or undefined. */
export function findSecretLeak(output: string, secrets: Iterable<string>): string | undefined {
  for (const secret of secrets) {
    for (const { form, text } of leakForms(secret)) {
      if (output.includes(text)) return `a secret (${JSON.stringify(`${secret.slice(0, 4)}…`)}, ${secret.length} characters) ${form}`;
    }
  }
  return undefined;
}
