// Shape checks for resolved settings. Each value ends up in a URL or a request header, where a CR/LF
// would fail every call with a raw TypeError from `Headers` (or split the request) and a stray space
// or non-ASCII letter would be mangled silently, so a bad value is refused when the client is created.
// Messages name where the value came from and never quote it: it may be a secret.
import type { ConfigProblem } from '../errors/errors.js';

/** Region IDs are lower-case words joined by `-` (`cn-north-4`, `ap-southeast-1`). */
const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_REGION_LENGTH = 64;
/** The spec's pattern for `project_id`; it is sent in the path and as X-Project-Id. */
const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Printable ASCII without space: what AKs, SKs and IAM tokens consist of. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
const MAX_KEY_LENGTH = 256;
/** IAM tokens are several KB; far beyond this no gateway accepts the header anyway. */
const MAX_TOKEN_LENGTH = 64 * 1024;
const MAX_ENDPOINT_LENGTH = 2048;

export function checkRegion(value: unknown, from: string): ConfigProblem | undefined {
  if (typeof value === 'string' && value.length <= MAX_REGION_LENGTH && REGION.test(value)) return undefined;
  return {
    setting: 'region',
    message: `Region ID from ${from} is malformed: it must be lower-case letters and digits joined by "-" (e.g. cn-north-4), at most ${MAX_REGION_LENGTH} characters.`,
  };
}

export function checkProjectId(value: unknown, from: string): ConfigProblem | undefined {
  if (typeof value === 'string' && PROJECT_ID.test(value)) return undefined;
  return {
    setting: 'projectId',
    message: `Project ID from ${from} is malformed: it must be 1-64 letters, digits, "_" or "-" (it is sent in the URL path and the X-Project-Id header).`,
  };
}

/**
 * Refuses what URL parsing would silently change (it drops tabs and newlines, trims spaces,
 * converts non-ASCII host names) and a `?` or `#` even when nothing follows it (URL parsing keeps
 * an empty query or fragment, and every request path would be appended after it), before the URL
 * checks of the endpoint resolver run.
 */
export function checkEndpointText(value: unknown, from: string): ConfigProblem | undefined {
  const problem = (message: string): ConfigProblem => ({ setting: 'endpoint', message: `Endpoint from ${from} ${message}` });
  if (typeof value !== 'string' || value.length > MAX_ENDPOINT_LENGTH || !VISIBLE_ASCII.test(value)) {
    return problem(
      `must be an absolute https:// URL of printable ASCII without spaces or control characters, at most ${MAX_ENDPOINT_LENGTH} characters (write an international host name in punycode).`,
    );
  }
  if (value.includes('?') || value.includes('#')) return problem('must not contain a query string or fragment ("?" or "#").');
  return undefined;
}

export type CredentialPart = 'accessKeyId' | 'secretAccessKey' | 'securityToken' | 'authToken';

/** Labels of where each credential came from, e.g. `env HUAWEICLOUD_SDK_SK`. */
export type CredentialLabels = Readonly<Record<CredentialPart, string>>;

/**
 * AK, SK and tokens must be printable ASCII without spaces. The AK also must not contain a comma,
 * which would end the `Access=` field of the Authorization header early.
 */
export function checkCredential(part: CredentialPart, value: unknown, labels: CredentialLabels): ConfigProblem | undefined {
  const max = part === 'securityToken' || part === 'authToken' ? MAX_TOKEN_LENGTH : MAX_KEY_LENGTH;
  const ok =
    typeof value === 'string' &&
    value.length <= max &&
    VISIBLE_ASCII.test(value) &&
    (part !== 'accessKeyId' || !value.includes(','));
  if (ok) return undefined;
  const extra = part === 'accessKeyId' ? ' and commas' : '';
  return {
    setting: 'credentials',
    message: `${labels[part]} is malformed: it must be printable ASCII without spaces, control characters${extra}, at most ${max} characters.`,
  };
}
