// Library errors of the monitoring commands, as CLI errors with the documented exit codes: a bad
// exporter config, profile list or --listen is a usage error (2, nothing was sent); a scope that
// cannot be resolved (no credentials, region, project) is a configuration error (4).
import type { ExporterConfigError, ScopeSetupError } from '@hcdr/dr-ops/monitoring';
import { CliError, UsageError } from '../../io/errors.js';
import { EXIT } from '../../io/exit-codes.js';
import { terminalSafe } from '../../io/sanitize.js';

/** Maps the monitoring library's errors; `configFlag` is the flag that named the file at fault. */
export async function mapMonitoringErrors<T>(run: () => Promise<T>, configFlag = '--config'): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    if (name === 'ExporterConfigError') {
      const e = error as ExporterConfigError;
      throw new UsageError(
        e.problems.map((p) => ({ flag: `${configFlag} ${terminalSafe(e.source)}`, message: terminalSafe(`${p.path ? `${p.path}: ` : ''}${p.message}`) })),
        { note: 'see `hcdr exporter --help` for the file format; nothing was sent' },
      );
    }
    if (name === 'ScopeSetupError') {
      throw new CliError(
        terminalSafe((error as ScopeSetupError).message),
        EXIT.config,
        'Give each scope a `profile`, a `credentials_file` (chmod 600) or set HUAWEICLOUD_SDK_AK/SK; nothing was sent.',
      );
    }
    if (name === 'ListenAddressError') throw new UsageError([{ flag: '--listen', message: terminalSafe((error as Error).message) }]);
    throw error;
  }
}
