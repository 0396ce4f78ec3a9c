// GeminiDB jobs of one instance, read with listJobs (newest first, filtered by job name or status;
// the API cannot filter by instance, so pages are read until the instance's newest job is found).
import type { JobDetail } from '@hcdr/geminidb';
import type { GeminiDbDrClient } from './clients.js';

/** `yyyy-mm-ddThh:mm:ss+0800` or `…Z` → epoch ms (0 when absent or unreadable). */
export function jobTime(value: string | undefined): number {
  if (!value) return 0;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(Z|[+-]\d{2}:?\d{2})$/.exec(value);
  if (!m) return 0;
  const zone = m[2] === 'Z' ? 'Z' : `${m[2]!.slice(0, 3)}:${m[2]!.slice(-2)}`;
  const ms = Date.parse(`${m[1]}${zone}`);
  return Number.isNaN(ms) ? 0 : ms;
}

export interface GeminiDbJobSummary {
  id: string;
  name: string;
  status: 'Running' | 'Completed' | 'Failed' | string;
  instanceId?: string | undefined;
  startTime?: string | undefined;
  endTime?: string | undefined;
  progress?: string | undefined;
  failReason?: string | undefined;
}

export const DR_JOB_NAMES = {
  construct: 'ConstructDisasterRecovery',
  deconstruct: 'DeConstructDisasterRecovery',
  switchover: 'SwitchOverDisasterRecovery',
} as const;

const PAGE = 50;
const MAX_PAGES = 4;

export function summarizeJob(job: JobDetail): GeminiDbJobSummary {
  return {
    id: job.id,
    name: job.name,
    status: job.status,
    instanceId: job.instance?.id,
    startTime: job.start_time || undefined,
    endTime: job.end_time || undefined,
    progress: job.progress || undefined,
    failReason: job.fail_reason || undefined,
  };
}

/**
 * Reads listJobs pages once per (client, query) within one inspection, so two instances behind the
 * same client cost one series of calls.
 */
export class JobReader {
  readonly #pages = new Map<GeminiDbDrClient, Map<string, Promise<JobDetail[]>>>();
  readonly #signal: AbortSignal | undefined;

  constructor(signal?: AbortSignal) {
    this.#signal = signal;
  }

  /**
   * The instance's newest job among `names`. Job times have one-second resolution, so the order of
   * one unfiltered listing (newest first) decides between jobs of the same second; jobs beyond its
   * pages are looked up by name.
   */
  async newestOf(client: GeminiDbDrClient, instanceId: string, names: readonly string[]): Promise<GeminiDbJobSummary | undefined> {
    const all = await this.#read(client, {});
    const hit = all.find((j) => j.instance?.id === instanceId && names.includes(j.name));
    if (hit) return summarizeJob(hit);
    const byName = await Promise.all(names.map((name) => this.jobsOf(client, instanceId, { name })));
    return byName
      .map((jobs) => jobs[0])
      .filter((j): j is GeminiDbJobSummary => j !== undefined)
      .sort((a, b) => jobTime(b.startTime) - jobTime(a.startTime))[0];
  }

  /** Jobs of `instanceId` matching the query, newest first (up to MAX_PAGES pages scanned). */
  async jobsOf(client: GeminiDbDrClient, instanceId: string, query: { name?: string; status?: 'Running' | 'Completed' | 'Failed' }): Promise<GeminiDbJobSummary[]> {
    const jobs = await this.#read(client, query);
    return jobs.filter((j) => j.instance?.id === instanceId).map(summarizeJob);
  }

  #read(client: GeminiDbDrClient, query: { name?: string; status?: 'Running' | 'Completed' | 'Failed' }): Promise<JobDetail[]> {
    let byQuery = this.#pages.get(client);
    if (!byQuery) {
      byQuery = new Map();
      this.#pages.set(client, byQuery);
    }
    const k = JSON.stringify(query);
    let pending = byQuery.get(k);
    if (!pending) {
      pending = this.#fetch(client, query);
      byQuery.set(k, pending);
    }
    return pending;
  }

  async #fetch(client: GeminiDbDrClient, query: { name?: string; status?: 'Running' | 'Completed' | 'Failed' }): Promise<JobDetail[]> {
    const all: JobDetail[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const data = await (await client.listJobs({ query: { ...query, limit: PAGE, offset: page * PAGE } }, { signal: this.#signal }));
      const jobs = data?.jobs ?? [];
      all.push(...jobs);
      if (jobs.length < PAGE || (data?.total_count !== undefined && all.length >= data.total_count)) break;
    }
    return all;
  }
}
