// JSON Schema of the exporter configuration file (YAML). `errorHint` is an annotation of ours: the
// sentence shown when a value breaks the rule, instead of ajv's "must match pattern ...".

const duration = (hint: string) => ({
  type: 'string',
  pattern: '^([0-9]+(ms|s|m|h|d))+$',
  errorHint: `must be a duration such as ${hint}`,
});

export const SERVICES = ['geminidb', 'dws'] as const;

const scope = {
  type: 'object',
  additionalProperties: false,
  required: ['service', 'region'],
  properties: {
    service: { type: 'string', enum: SERVICES, errorHint: `must be one of: ${SERVICES.join(', ')}` },
    region: {
      type: 'string',
      pattern: '^[a-z]{2,}(-[a-z0-9]+){1,4}$',
      maxLength: 40,
      errorHint: 'must be a region ID such as ap-southeast-1',
    },
    project_id: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{1,64}$',
      errorHint: "must be the region's project ID (1-64 letters, digits, - or _)",
    },
    profile: { type: 'string', minLength: 1, maxLength: 128, errorHint: 'must be a profile name in the profile file' },
    config_file: { type: 'string', minLength: 1, maxLength: 4096, errorHint: 'must be the path of a profile file' },
    credentials_file: {
      type: 'string',
      minLength: 1,
      maxLength: 4096,
      errorHint: 'must be the path of a credentials file (JSON or HUAWEICLOUD_SDK_*= lines, chmod 600)',
    },
    endpoint: {
      type: 'string',
      pattern: '^https?://[^\\s?#@]+$',
      maxLength: 2048,
      errorHint: 'must be an http(s) URL without user info, query or fragment, e.g. https://dws.cn-north-4.myhuaweicloud.com',
    },
    interval: duration('30s or 1m'),
    rpo_objective: duration('60s or 30m'),
  },
} as const;

export const exporterConfigSchema = {
  $id: 'https://hcdr.dev/schemas/exporter-config.json',
  type: 'object',
  additionalProperties: false,
  required: ['scopes'],
  properties: {
    interval: duration('30s or 1m'),
    timeout: duration('10s'),
    concurrency: { type: 'integer', minimum: 1, maximum: 64, errorHint: 'must be a whole number from 1 to 64' },
    listen: { type: 'string', minLength: 1, maxLength: 300, errorHint: 'must be host:port, e.g. 127.0.0.1:9464' },
    rpo_objective: duration('60s or 30m'),
    scopes: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: scope,
      errorHint: 'must be a list of 1 to 500 scopes such as { service: geminidb, region: ap-southeast-1 }',
    },
  },
} as const;

/** Setting names in the file, for "known settings" hints. */
export const TOP_LEVEL_KEYS = Object.keys(exporterConfigSchema.properties);
export const SCOPE_KEYS = Object.keys(scope.properties);
