/** Small helpers shared by the repositories for writing documents. */

/** MongoDB's duplicate-key error code, also used by FerretDB. */
const DUPLICATE_KEY = 11000;

/** MongoDB's (and FerretDB's) duplicate-key error: a unique insert that lost. */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | undefined)?.code === DUPLICATE_KEY;

/**
 * The one atomic primitive 提案通 relies on: an insert that hits a unique key fails for every
 * caller but one, on MongoDB and on FerretDB 1.24 alike (whose guarded updates let concurrent
 * callers all "win"). Runs `insert`; true when it wrote, false when the unique key was taken
 * already. Other errors are thrown. Every exactly-once decision in the store goes through here.
 */
export async function insertOnce(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/**
 * Drops undefined fields at every depth: the driver would store them as null, and the document
 * read back must equal the state the domain decided.
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)]),
  ) as T;
}
