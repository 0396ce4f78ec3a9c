import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createManualClock, createSimulator, DEFAULT_GEMINIDB_INSTANCES, StateFileError } from '../src/index.js';
import { client, project, TEST_SK } from './helpers/client.js';

type Seed = (typeof DEFAULT_GEMINIDB_INSTANCES)[number];
const [A, B] = DEFAULT_GEMINIDB_INSTANCES as [Seed, Seed];
const dir = mkdtempSync(join(tmpdir(), 'hcdr-sim-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--state-file / stateFile', () => {
  it('a second simulator from the same file has the same world: relationships, running jobs, faults, lag overrides, ids', async () => {
    const file = join(dir, 'world.json');
    const clock = createManualClock();
    const options = { now: clock.now, stateFile: file, jobDurationMs: 1000, requirePrecheck: false, credentials: { secretAccessKey: TEST_SK } };
    const first = createSimulator({ ...options, seed: 'one' });
    const { url } = await first.listen();
    const api = client(url, clock.now);
    const base = (x: Seed) => `/${x.region}/v3/${project(x.region)}`;
    const primary = await api.call<{ job_id: string; disaster_recovery_id: string }>('POST', `${base(A)}/instances/${A.id}/disaster-recovery/construction`, {
      alias: 'kept', password: 'Kept#123', instance_role: 'master', disaster_recovery_instance: { id: B.id, region_code: B.region, subnet_cidrs: [B.subnetCidr], node_ips: [...B.nodeIps] },
    });
    expect(primary.status).toBe(202);
    first.faults.add({ match: { operationId: 'listJobs' }, times: 2, fault: 'busy' });
    expect((await api.call('GET', `${base(A)}/jobs`)).status).toBe(409); // one of two used
    first.setLag({ relationshipId: primary.body.disaster_recovery_id, lagSeconds: 77 });
    const before = first.state;
    // No close(): as if killed. The file was written before each answer.
    const saved = readFileSync(file, 'utf8');
    expect(saved).not.toContain('Kept#123');
    expect(saved).not.toContain(TEST_SK);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);

    const second = createSimulator({ ...options, seed: 'ignored: the file has its own' });
    expect(second.state.geminidb).toEqual(before.geminidb);
    expect(second.faults.list()).toMatchObject([{ remaining: 1, hits: 1 }]);
    expect(second.state.lagOverrides).toMatchObject([{ lagSeconds: 77 }]);
    clock.advance(1000);
    expect(second.state.geminidb.jobs.find((j) => j.id === primary.body.job_id)?.status).toBe('Completed');
    // Ids continue where the first left off (no collision with the saved ones).
    const { url: url2 } = await second.listen();
    const next = await client(url2, clock.now).call<{ job_id: string }>('POST', `${base(A)}/instances/${A.id}/disaster-recovery/deconstruction`);
    expect(next.status).toBe(202);
    expect(second.state.geminidb.jobs.map((j) => j.id)).toHaveLength(new Set(second.state.geminidb.jobs.map((j) => j.id)).size);
    await Promise.all([first.close(), second.close()]);
  });

  it('refuses a file that is not a state file, and never overwrites it', () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"hello":"world"}');
    expect(() => createSimulator({ stateFile: junk })).toThrow(StateFileError);
    const torn = join(dir, 'torn.json');
    writeFileSync(torn, '{"format":"hcdr-simulator-state","vers');
    expect(() => createSimulator({ stateFile: torn })).toThrow(/not valid JSON/);
    expect(readFileSync(junk, 'utf8')).toBe('{"hello":"world"}');
  });

  it('a reset is persisted too', () => {
    const file = join(dir, 'reset.json');
    const sim = createSimulator({ stateFile: file });
    sim.faults.add({ fault: 'busy' });
    expect(JSON.parse(readFileSync(file, 'utf8')).faults).toHaveLength(1);
    sim.reset();
    expect(JSON.parse(readFileSync(file, 'utf8')).faults).toHaveLength(0);
  });
});
