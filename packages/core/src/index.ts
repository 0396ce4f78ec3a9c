// Public API of @hcdr/core: the runtime shared by @hcdr/geminidb, @hcdr/dws and the hcdr CLI.

// Signing (SDK-HMAC-SHA256)
export { signRequest, signHeaders, computeSignature } from './signing/sign-request.js';
export type { AkSkCredentials, SignOptions, SignatureInput, SignatureResult } from './signing/sign-request.js';
export {
  SIGNING_ALGORITHM,
  EMPTY_PAYLOAD_HASH,
  canonicalUri,
  canonicalQuery,
  parseQuery,
  canonicalHeaders,
  signedHeaders,
  headersToSign,
  isSignedHeader,
  payloadHash,
  formatSdkDate,
  canonicalRequest,
  stringToSign,
  signature,
  authorizationHeader,
} from './signing/canonical-request.js';
export type { CanonicalRequestParts } from './signing/canonical-request.js';
export { percentEncode } from './signing/encode.js';

// Configuration
export { resolveClientConfig } from './config/resolve-config.js';
export type {
  ResolveClientConfigOptions,
  ResolvedClientConfig,
  Credentials,
  TokenCredentials,
  AuthConfig,
  AkSkAuth,
  TokenAuth,
  NoAuth,
  ConfigSource,
} from './config/resolve-config.js';
export { ENV, readEnv } from './config/env.js';
export type { EnvLike } from './config/env.js';
export { loadProfileFile, defaultConfigFilePath, nodeConfigFileSystem } from './config/profile-file.js';
export type { Profile, ProfileFile, ConfigFileSystem, LoadProfileFileResult } from './config/profile-file.js';

// Regions and endpoints
export { ENDPOINTS, GEMINIDB_ENDPOINTS, DWS_ENDPOINTS, SERVICE_ENV_KEYS, knownRegions } from './regions/endpoints.js';
export type { ServiceName } from './regions/endpoints.js';
export { resolveEndpoint, tryResolveEndpoint, regionEndpointEnvVar, tableEndpoint, isLoopbackHost, checkEndpointUrl } from './regions/resolve-endpoint.js';
export type { ResolveEndpointOptions, EndpointResolution } from './regions/resolve-endpoint.js';

// Transport: retries, timeouts, auth
export { createTransport, TRANSPORT_DEFAULTS, networkErrorCode } from './transport/create-transport.js';
export type { TransportOptions, Transport, FetchLike } from './transport/create-transport.js';
export { decideRetry, isSafeMethod, failedBeforeSend, SAFE_METHODS, PRE_SEND_ERROR_CODES } from './transport/retry-policy.js';
export type { AttemptOutcome, RetryPolicyInput, RetryDecision } from './transport/retry-policy.js';
export { fullJitterDelay, parseRetryAfter, retryDelay } from './transport/backoff.js';
export type { BackoffOptions } from './transport/backoff.js';
export { defaultSleep, timeoutSignal, raceWithSignal } from './transport/timeouts.js';
export type { Sleep } from './transport/timeouts.js';

// Errors
export { HuaweiCloudError, isHuaweiCloudError, ERROR_BRAND } from './errors/base.js';
export type { HuaweiCloudErrorName } from './errors/base.js';
export { HuaweiCloudApiError, isHuaweiCloudApiError } from './errors/api-error.js';
export type { HuaweiCloudApiErrorInit } from './errors/api-error.js';
export {
  HuaweiCloudNetworkError,
  HuaweiCloudTimeoutError,
  HuaweiCloudAbortError,
  HuaweiCloudConfigError,
  HuaweiCloudWaiterError,
  isHuaweiCloudNetworkError,
  isHuaweiCloudTimeoutError,
  isHuaweiCloudAbortError,
  isHuaweiCloudConfigError,
  isHuaweiCloudWaiterError,
} from './errors/errors.js';
export type { ConfigProblem } from './errors/errors.js';
export { HuaweiCloudInvalidResponseError, isHuaweiCloudInvalidResponseError } from './errors/invalid-response-error.js';
export type { HuaweiCloudInvalidResponseErrorInit, InvalidResponseKind } from './errors/invalid-response-error.js';
export { toApiError } from './errors/to-api-error.js';
export type { ResponseLike, ToApiErrorOptions } from './errors/to-api-error.js';
export { parseErrorBody, textSnippet } from './errors/parse-error-body.js';
export type { ParsedErrorBody } from './errors/parse-error-body.js';
export { BUSY_ERROR_CODES, TRANSIENT_STATUSES, APIGW_AUTH_ERROR_CODE, APIGW_AUTH_HINT } from './errors/codes.js';

// Waiters
export { poll, pollOrThrow, POLL_DEFAULTS } from './waiters/poll.js';
export type { PollOptions, PollResult, PollStatus, PollClassification, Classification, PollProgressEvent } from './waiters/poll.js';
export { createGeminiDbJobAcceptor, pickGeminiDbJob, GEMINIDB_JOB_WAIT_DEFAULTS } from './waiters/geminidb-job.js';
export type { GeminiDbJobLike, GeminiDbJobAcceptorOptions } from './waiters/geminidb-job.js';
export { createDwsTaskAcceptor, DWS_TASK_WAIT_DEFAULTS, DWS_TASK_FAILURE_STATUSES, DWS_NOT_FOUND_CODE } from './waiters/dws-task.js';
export type { DwsTaskLike, DwsTaskAcceptorOptions, DwsTaskAcceptor } from './waiters/dws-task.js';

// Logging and redaction
export { redact, redactJsonText, scrubText, createSensitiveKeyMatcher, DEFAULT_REDACT_KEYS, REDACTED } from './logging/redact.js';
export type { RedactOptions } from './logging/redact.js';
export { redactHeaders, DEFAULT_LOG_HEADER_ALLOWLIST, ALWAYS_REDACTED_HEADERS } from './logging/headers.js';
export type { RequestLogEvent, RequestLogger } from './logging/types.js';

// Validation errors (raised before sending by the operation-table client layer)
export { HuaweiCloudValidationError, isHuaweiCloudValidationError } from './errors/validation-error.js';

// Operation-table client layer used by @hcdr/geminidb and @hcdr/dws (src/client/)
export { createApiClient, jsonResponseGuard } from './client/create-api-client.js';
export type { ApiClient, ApiClientMeta, ApiClientOptions } from './client/create-api-client.js';
export { bindOperations } from './client/bind-operations.js';
export type { BindContext } from './client/bind-operations.js';
export type {
  OperationDescriptor,
  OperationTable,
  OperationInput,
  OperationData,
  OperationErrorBody,
  OperationMethods,
  OperationArgs,
  CallOptions,
  DataAndResponse,
  WithResponse,
} from './client/operation-types.js';
