/** HTTP statuses treated as transient (retried for safe requests). */
export const TRANSIENT_STATUSES: readonly number[] = Object.freeze([429, 502, 503, 504]);

/** API Gateway authentication failure (bad signature, expired signature, unknown AK). */
export const APIGW_AUTH_ERROR_CODE = 'APIGW.0301';

export const APIGW_AUTH_HINT =
  'The API gateway rejected the credentials. Check that the access key ID and secret key are correct and active ' +
  '(and the security token, for temporary keys), and that this machine\'s clock is within 15 minutes of UTC: ' +
  'signatures carry X-Sdk-Date and expire. A valid key pair that still fails usually means the request changed after signing.';
