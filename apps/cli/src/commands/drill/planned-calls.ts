// --dry-run for drills and readiness: the library's list of planned calls, each distinct one sent
// once through the real client into the dry-run recorder (exact URL, headers, body; nothing leaves
// the machine), and printed phase by phase with the repeating ones marked.
import type { PlannedCall } from '@hcdr/dr-ops';
import type { AppContext } from '../../context.js';
import { printDryRun, type DryRunRecorder } from '../../io/dry-run.js';

type AnyMethod = (input: unknown) => Promise<unknown>;

export async function printPlannedCalls(ctx: AppContext, title: string, calls: readonly PlannedCall[], clients: Partial<Record<PlannedCall['side'], object>>, recorder: DryRunRecorder): Promise<void> {
  const sent = new Set<string>();
  for (const call of calls) {
    const key = `${call.side} ${call.operation} ${JSON.stringify(call.input)}`;
    // Inputs with placeholders (job IDs only known at run time) are described, not recorded.
    if (sent.has(key) || JSON.stringify(call.input).includes('<')) continue;
    sent.add(key);
    const method = (clients[call.side] as Record<string, AnyMethod> | undefined)?.[call.operation];
    await method?.(call.input);
  }
  if (ctx.globals.output !== 'table') {
    ctx.out.data({ dry_run: true, title, calls, requests: recorder.requests });
    return;
  }
  ctx.out.info(`${title} (nothing is sent):`);
  let phase = '';
  for (const call of calls) {
    if (call.phase !== phase) {
      phase = call.phase;
      ctx.term.stdout.write(`\n${phase}\n`);
    }
    const args = JSON.stringify(call.input);
    ctx.term.stdout.write(`  ${call.mutating ? 'CHANGE' : 'read  '} ${call.side.padEnd(7)} ${call.operation} ${args}${call.repeats ? `  (${call.repeats})` : ''}  — ${call.purpose}\n`);
  }
  ctx.term.stdout.write('\nRequests as they would be sent (each distinct one once):\n');
  printDryRun(ctx, recorder.requests);
}
