import type { FulfilmentDeps } from '../fulfilment/deps.ts';
import { finishCreditNote } from './finish.ts';
import { unfinishedCreditNotes } from './read.ts';

/**
 * Finishes credit notes left without their IRN or PDF. Finishing is idempotent (the IRP adopts an IRN it
 * gave already), so a sweep beside a person's retry makes nothing twice; a note that still fails keeps
 * its reason and is listed as waiting.
 */
export async function sweepCreditNotes(
  deps: FulfilmentDeps,
  options: { minAgeSeconds: number; limit: number; actor: string },
): Promise<{ finished: number[]; waiting: { creditNoteId: number; message: string }[] }> {
  const result = { finished: [] as number[], waiting: [] as { creditNoteId: number; message: string }[] };
  for (const id of await unfinishedCreditNotes(deps.database.db, options.minAgeSeconds, options.limit)) {
    try {
      await finishCreditNote(deps, id, options.actor);
      result.finished.push(id);
    } catch (error) {
      result.waiting.push({ creditNoteId: id, message: (error as Error).message });
    }
  }
  return result;
}
