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

/** The part of a driver collection a batched insert needs. */
interface InsertTarget {
  insertMany(docs: Record<string, unknown>[], options: { ordered: false }): Promise<unknown>;
}

interface WriteErrorLike {
  index: number;
  code?: number;
  errmsg?: string;
}

/**
 * `insertOnce` for many callers at once, into one collection: while a batch is being written the
 * next callers' documents wait and go together in one unordered insert (under load one round trip
 * and one write serve many callers; when idle a document goes at once). Each caller learns what
 * happened to its own document: true written, false its unique key was taken; other errors are
 * its own rejection.
 */
export function batchedInsertOnce(target: InsertTarget, maxBatch = 100): (doc: Record<string, unknown>) => Promise<boolean> {
  type Waiting = { doc: Record<string, unknown>; resolve: (written: boolean) => void; reject: (err: unknown) => void };
  const queue: Waiting[] = [];
  let writing = false;

  async function write(): Promise<void> {
    writing = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      const outcomes = await insertBatch(
        target,
        batch.map((w) => w.doc),
      );
      batch.forEach((w, i) => {
        const o = outcomes[i];
        if (typeof o === 'boolean') w.resolve(o);
        else w.reject(o);
      });
    }
    writing = false;
  }

  return (doc) =>
    new Promise<boolean>((resolve, reject) => {
      queue.push({ doc, resolve, reject });
      if (!writing) void write();
    });
}

/** One unordered insert; per document: true written, false duplicate key, or the error that stopped it. */
async function insertBatch(target: InsertTarget, docs: Record<string, unknown>[]): Promise<(boolean | unknown)[]> {
  try {
    await target.insertMany(docs, { ordered: false });
    return docs.map(() => true);
  } catch (err) {
    const listed = (err as { writeErrors?: WriteErrorLike | WriteErrorLike[] }).writeErrors;
    // No per-document account (connection lost, server down): none of them is known to be written.
    if (listed === undefined) return docs.map(() => err);
    const byIndex = new Map([listed].flat().map((w) => [w.index, w]));
    return docs.map((_, i) => {
      const w = byIndex.get(i);
      if (!w) return true;
      return isDuplicateKey(w) ? false : err;
    });
  }
}
