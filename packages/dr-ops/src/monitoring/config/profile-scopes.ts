// Scopes for `hcdr status --all` without an exporter config: every profile of the profile file (or
// the ones named), each for every monitored service, in the profile's region.
import { loadProfileFile, type ConfigFileSystem } from '@hcdr/core';
import { CONFIG_DEFAULTS, type ExporterConfig, ExporterConfigError, type MonitoredService, type ScopeConfig } from './load-config.js';

export interface ProfileScopesOptions {
  /** The profile file (resolved by the caller: --config-file, HCDR_CONFIG_FILE, ~/.hcdr/config.json). */
  readonly profileFile: string;
  /** Profiles to use; default: all of them. */
  readonly profiles?: readonly string[] | undefined;
  readonly services: readonly MonitoredService[];
  readonly fs?: ConfigFileSystem | undefined;
}

export function scopesFromProfiles(options: ProfileScopesOptions): ExporterConfig {
  const path = options.profileFile;
  const loaded = loadProfileFile(path, options.fs);
  if (loaded.status === 'missing') throw new ExporterConfigError(path, [{ path: '', message: 'does not exist: create profiles (hcdr configure) or give an exporter config' }]);
  if (loaded.status === 'invalid') throw new ExporterConfigError(path, loaded.problems.map((p) => ({ path: '', message: p.message })));
  const all = loaded.file.profiles;
  const names = options.profiles ?? Object.keys(all).sort();
  const problems: { path: string; message: string }[] = [];
  const scopes: ScopeConfig[] = [];
  for (const name of names) {
    const profile = all[name];
    if (!profile) {
      problems.push({ path: `profiles.${name}`, message: `no such profile (known: ${Object.keys(all).sort().join(', ') || 'none'})` });
      continue;
    }
    if (!profile.region) {
      problems.push({ path: `profiles.${name}.region`, message: 'is required to know which region to monitor' });
      continue;
    }
    for (const service of options.services) {
      scopes.push({ index: scopes.length, service, region: profile.region, profile: name, configFile: path, intervalMs: CONFIG_DEFAULTS.intervalMs });
    }
  }
  if (problems.length > 0) throw new ExporterConfigError(path, problems);
  if (scopes.length === 0) throw new ExporterConfigError(path, [{ path: 'profiles', message: 'has no profile to monitor' }]);
  return { intervalMs: CONFIG_DEFAULTS.intervalMs, timeoutMs: CONFIG_DEFAULTS.timeoutMs, concurrency: CONFIG_DEFAULTS.concurrency, scopes };
}
