/**
 * The leader lease as a log of terms, one row per term, so that taking a term is a unique insert
 * (FerretDB has no atomic guarded update). ops/leader.ts runs the election on it; implemented in
 * store/lease.repository.ts.
 */

export interface LeaseTerm {
  name: string;
  term: number;
  /** The instance holding the term; null for a released term (its leader stopped cleanly). */
  holder: string | null;
  expiresAt: Date;
}

export interface LeaseStore {
  /** The newest term of `name`, if any. */
  latest(name: string): Promise<LeaseTerm | undefined>;
  /** One term of `name`, if it exists. */
  term(name: string, term: number): Promise<LeaseTerm | undefined>;
  /** Inserts term `term`; false when somebody else inserted it first. */
  insertTerm(t: LeaseTerm): Promise<boolean>;
  /** Deletes terms older than `belowTerm` (history only; nobody reads them). */
  prune(name: string, belowTerm: number): Promise<void>;
}
