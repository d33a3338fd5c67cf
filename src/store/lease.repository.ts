/**
 * Insert-only access to the lease terms (see models/lease.model.ts for the design).
 */
import { LeaseModel } from './models/lease.model.js';
import { insertOnce } from './documents.js';

export interface LeaseTerm {
  name: string;
  term: number;
  holder: string | null;
  expiresAt: Date;
}

export const leaseRepository = {
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
};
