/**
 * The lease terms in MongoDB (domain/lease.port.ts), insert-only (see models/lease.model.ts for
 * the design).
 */
import type { LeaseStore, LeaseTerm } from '../domain/lease.port.js';
import { LeaseModel } from './models/lease.model.js';
import { insertOnce } from './documents.js';

/** Its methods need no `this`, so they may be passed around alone. */
export const createLeaseStore = (): LeaseStore => ({
  /** The newest term of `name`, if any. */
  async latest(name: string): Promise<LeaseTerm | undefined> {
    const row = await LeaseModel.findOne({ name }).sort({ term: -1 }).lean();
    return row ? { name: row.name, term: row.term, holder: row.holder ?? null, expiresAt: row.expiresAt } : undefined;
  },

  /** One term of `name`, if it exists. */
  async term(name: string, term: number): Promise<LeaseTerm | undefined> {
    const row = await LeaseModel.findById(`${name}#${term}`).lean();
    return row ? { name: row.name, term: row.term, holder: row.holder ?? null, expiresAt: row.expiresAt } : undefined;
  },

  /** Inserts term `term`; false when somebody else inserted it first. */
  async insertTerm(t: LeaseTerm): Promise<boolean> {
    return insertOnce(() => LeaseModel.create({ _id: `${t.name}#${t.term}`, ...t }));
  },

  /** Deletes terms older than `belowTerm` (history only; nobody reads them). */
  async prune(name: string, belowTerm: number): Promise<void> {
    await LeaseModel.deleteMany({ name, term: { $lt: belowTerm } });
  },
});
