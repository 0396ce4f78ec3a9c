// Where `hcdr drill` journals drills: the same file journal as every other operation (under the
// state directory), so an interrupted drill continues when re-run and `hcdr drill history` lists it.
import type { JournalStore } from '@hcdr/dr-ops';
import type { AppContext } from '../../context.js';
import { cliJournal } from '../workflow-output.js';

export function openJournalStore(ctx: AppContext): Promise<JournalStore> {
  return cliJournal(ctx);
}
