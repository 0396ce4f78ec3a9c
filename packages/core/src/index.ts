// Public API of @hcdr/core: the runtime shared by the hcdr client packages and the hcdr CLI.
// Reviewed in review/core.api.md (npm run api): anything not exported here is internal and may change.

// Signing (SDK-HMAC-SHA256)
export { signRequest, computeSignature } from './signing/sign-request.js';
export type { AkSkCredentials, SignOptions, SignatureInput, SignatureResult } from './signing/sign-request.js';

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
  CredentialSource,
} from './config/resolve-config.js';
export { fromEcsMetadata } from './credentials/ecs-metadata.js';
export type { EcsMetadataOptions } from './credentials/ecs-metadata.js';
export { refreshingCredentials } from './credentials/refreshing-credentials.js';
export type { RefreshingCredentialsOptions } from './credentials/refreshing-credentials.js';
export type { CredentialProvider, CredentialIdentity, CredentialRequest } from './credentials/types.js';
export { ENV, readEnv } from './config/env.js';
export type { EnvLike } from './config/env.js';
export { loadProfileFile, defaultConfigFilePath } from './config/profile-file.js';
export type { Profile, ProfileFile, ConfigFileSystem, LoadProfileFileResult } from './config/profile-file.js';

// Services and endpoints
export type { ServiceDescriptor, ServiceEndpoints, ServiceErrorRules } from './service/service-descriptor.js';
export { resolveEndpoint, tryResolveEndpoint, regionEndpointEnvVar, knownRegions } from './regions/resolve-endpoint.js';
export type { ResolveEndpointOptions, EndpointResolution } from './regions/resolve-endpoint.js';

// Transport: retries, timeouts, auth
export { createTransport, TRANSPORT_DEFAULTS } from './transport/create-transport.js';
export type { TransportOptions, Transport, FetchLike } from './transport/create-transport.js';
export { parseRetryAfter } from './transport/backoff.js';
// The Node default handler (keep-alive agents, HTTPS_PROXY/NO_PROXY); pass your own `httpHandler` to replace it.
export { createNodeHttpHandler } from './transport/node-http-handler.js';
export type { NodeHttpHandlerOptions } from './transport/node-http-handler.js';
export { AttemptTimedOut, BodyLimitExceeded } from './transport/http-handler.js';
export type { HttpHandler, HttpRequest, HttpResponse, HandlerOptions } from './transport/http-handler.js';
export type { ProxySetting } from './transport/proxy.js';
export { createRetryQuota } from './transport/retry-quota.js';
export type { RetryQuota, RetryQuotaOptions } from './transport/retry-quota.js';
export { callMetadata } from './transport/call-metadata.js';
export type { CallMetadata } from './transport/call-metadata.js';
export type { Sleep } from './transport/timeouts.js';

// Errors
export { HuaweiCloudError, isHuaweiCloudError } from './errors/base.js';
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
export { HuaweiCloudValidationError, isHuaweiCloudValidationError } from './errors/validation-error.js';
export { toApiError } from './errors/to-api-error.js';
export type { ResponseLike, ToApiErrorOptions } from './errors/to-api-error.js';
export type { ErrorFields } from './errors/parse-error-body.js';

// Waiters
export { poll, pollOrThrow, POLL_DEFAULTS } from './waiters/poll.js';
export type { PollOptions, PollResult, PollStatus, PollClassification, Classification, PollProgressEvent } from './waiters/poll.js';

// Logging and redaction
export { redact, redactJsonText, REDACTED } from './logging/redact.js';
export type { RedactOptions } from './logging/redact.js';
export { redactHeaders, DEFAULT_LOG_HEADER_ALLOWLIST } from './logging/headers.js';
export type { RequestLogEvent, RequestLogger } from './logging/types.js';

// The operation-table client layer the client packages are built on (src/client/)
export { createApiClient, jsonResponseGuard } from './client/create-api-client.js';
export type { ApiClient, ApiClientMeta, ApiClientOptions } from './client/create-api-client.js';
export { paginateOffset } from './client/paginate.js';
export type { PaginateOptions, OffsetPaging } from './client/paginate.js';
export type {
  OperationDescriptor,
  OperationTable,
  OperationInput,
  OperationPathInput,
  OperationQueryInput,
  OperationBodyInput,
  OperationData,
  OperationErrorBody,
  OperationMethods,
  OperationArgs,
  CallOptions,
  DataAndResponse,
  WithResponse,
} from './client/operation-types.js';
