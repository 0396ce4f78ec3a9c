// How a workflow's failure reads to the drill: a role change that did not happen (abort and roll
// back), unless the drill itself was interrupted (then the error passes through).
import { isDrOperationError } from '../../workflows/errors.js';
import { RoleChangeFailedError } from '../runner/target.js';

export function asRoleChangeError(error: unknown): unknown {
  if (!isDrOperationError(error) || error.kind === 'aborted') return error;
  const kind = error.kind === 'failed' ? 'job-failed' : error.kind === 'timeout' ? 'timeout' : error.kind === 'refused' ? 'refused' : 'error';
  return new RoleChangeFailedError(error.message, kind, { cause: error });
}
