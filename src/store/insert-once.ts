/**
 * The one atomic primitive 提案通 relies on: an insert that hits a unique key fails for every
 * caller but one, on MongoDB and on FerretDB 1.24 alike (whose guarded updates let concurrent
 * callers all "win"). Every exactly-once decision in the store goes through here.
 */

/** MongoDB's duplicate-key error code, also used by FerretDB. */
const DUPLICATE_KEY = 11000;

export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | undefined)?.code === DUPLICATE_KEY;

/** Runs `insert`; true when it wrote, false when the unique key was taken already. Other errors are thrown. */
export async function insertOnce(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
