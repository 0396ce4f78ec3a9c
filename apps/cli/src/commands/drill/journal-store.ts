// Where `hcdr drill` journals drills: the @hcdr/dr-ops operation journal.
// MemoryJournalStore until the durable file store of @hcdr/dr-ops lands (issue 12): then drills
// survive the process (resume by re-running, `hcdr drill history`) with a one-line change here.
import type { JournalStore } from '@hcdr/dr-ops';
import type { AppContext } from '../../context.js';

export async function openJournalStore(_ctx: AppContext): Promise<JournalStore> {
  const { MemoryJournalStore } = await import('@hcdr/dr-ops');
  return new MemoryJournalStore();
}
