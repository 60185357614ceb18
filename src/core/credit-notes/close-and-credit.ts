import { eq } from 'drizzle-orm';
import { returnOrders } from '../../db/schema.ts';
import { type FulfilmentDeps, loadOrderContext } from '../fulfilment/deps.ts';
import { type CloseOutcome, closeReturn } from '../fulfilment/return-inbound.ts';
import { finishCreditNote, type CreditNote } from './finish.ts';
import { planCreditNote, type PlannedNote } from './plan.ts';
import { getCreditNote } from './read.ts';

/**
 * Closing a return credits what came back: the note is planned in the closing transaction and finished
 * (IRN, PDF) right after. A note that cannot be finished now (the IRP down, a setting missing) does not
 * undo the close: it is kept, flagged with the reason, and finished by the documents sweep or a retry.
 */
export interface CloseAndCreditOutcome extends CloseOutcome {
  creditNote: CreditNote | null;
  /** Why the credit note is not finished yet, when it is not. */
  creditNoteProblem: string | null;
}

export async function closeReturnAndCredit(
  deps: FulfilmentDeps,
  returnId: number,
  actor: string,
): Promise<CloseAndCreditOutcome> {
  const [ret] = await deps.database.db
    .select({ orderId: returnOrders.orderId, externalId: returnOrders.externalId })
    .from(returnOrders)
    .where(eq(returnOrders.id, returnId));
  const ctx = ret?.orderId ? await loadOrderContext(deps, ret.orderId) : null;
  let planned: PlannedNote | null = null;
  const outcome = await closeReturn(deps.database, returnId, actor, async (tx) => {
    if (ctx) planned = await planCreditNote(tx, ctx, returnId, ret.externalId, actor);
  });
  if (!planned) return { ...outcome, creditNote: null, creditNoteProblem: null };
  const { id } = planned as PlannedNote;
  try {
    return { ...outcome, creditNote: await finishCreditNote(deps, id, actor), creditNoteProblem: null };
  } catch (error) {
    return {
      ...outcome,
      creditNote: await getCreditNote(deps.database.db, id),
      creditNoteProblem: (error as Error).message,
    };
  }
}
