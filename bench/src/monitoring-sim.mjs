// @ts-check
// The simulator of the monitoring benchmark, in a process of its own so that the exporter's RSS
// is measured alone: 500 GeminiDB relationships + 500 DWS tasks over 4 regions (one project each),
// on 127.0.0.1. Prints one JSON line { url, accessKeyId, requests? } and serves until killed.
import { createSimulator } from '@hcdr/simulator';

const sk = process.env.BENCH_SIM_SK;
if (!sk) throw new Error('BENCH_SIM_SK is not set');
const sim = createSimulator({
  credentials: { secretAccessKey: sk },
  fleet: { geminiDbRelationships: Number(process.env.BENCH_RELATIONSHIPS ?? 500), dwsTasks: Number(process.env.BENCH_TASKS ?? 500), projectsPerRegion: 1 },
  seed: 'hcdr-bench',
  requestLogLimit: 0,
});
const { url } = await sim.listen();
process.stdout.write(`${JSON.stringify({ url, accessKeyId: sim.credentials.accessKeyId })}\n`);
process.on('SIGTERM', () => {
  void sim.close().then(() => process.exit(0));
});
