// Client options for the scopes of `hcdr exporter` and `hcdr status`: a scope's credentials_file
// (read with the CLI's permission check), else the global --credentials-file, else core's usual
// environment / profile resolution; the global --endpoint, --profile and --config-file as defaults.
import type { ScopeClientOptions, ScopeConfig } from '@hcdr/dr-ops/monitoring';
import { debugLogger, environment, loadCredentials } from '../../config/client-options.js';
import type { AppContext } from '../../context.js';
import { VERSION } from '../../version.js';

export function scopeClientOptions(ctx: AppContext): (scope: ScopeConfig) => Promise<ScopeClientOptions> {
  const g = ctx.globals;
  return async (scope) => {
    const path = scope.credentialsFile ?? g.credentialsFile;
    const file = path ? await loadCredentials(ctx, path) : undefined;
    return {
      userAgent: `hcdr/${VERSION} (node ${process.versions.node}) exporter`,
      ...environment(ctx),
      endpoint: g.endpoint,
      profile: g.profile,
      configFile: g.configFile,
      credentials: file?.credentials,
      projectId: g.projectId ?? file?.projectId,
      ...(g.timeoutMs !== undefined && { timeoutMs: g.timeoutMs }),
      logger: g.debug ? debugLogger(ctx) : undefined,
    };
  };
}
