/**
 * Data migrations run at startup, before the indexes are made to match the schemas: each is
 * idempotent (it only touches documents still in the old shape), so every instance may run it
 * on every start, and a start cut short is finished by the next one.
 */
import { DEFAULT_KIND } from '../domain/kind.js';
import { ProposalModel } from './models/proposal.model.js';

/**
 * 两类件: cases stored before kinds existed are 政协提案. Written on the document (not only assumed
 * on reading) so that the unique (session, number, kind) index and every query by kind see it.
 * Returns how many documents were changed.
 */
export async function backfillKinds(): Promise<number> {
  const r = await ProposalModel.collection.updateMany({ kind: { $exists: false } }, { $set: { kind: DEFAULT_KIND } });
  return r.modifiedCount;
}

export async function runMigrations(): Promise<void> {
  await backfillKinds();
}
