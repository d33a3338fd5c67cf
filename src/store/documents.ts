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

/**
 * Calls that share a write: while one batch is being written the next callers wait and go
 * together (under load one round trip serves many; when idle a call goes at once). `write` gets
 * the waiting items and returns one outcome per item, in order: a value, or an Error that is that
 * caller's rejection.
 */
export function batched<I, O>(write: (items: I[]) => Promise<(O | Error)[]>, maxBatch = 100): (item: I) => Promise<O> {
  type Waiting = { item: I; resolve: (o: O) => void; reject: (err: unknown) => void };
  const queue: Waiting[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      const outcomes = await write(batch.map((w) => w.item)).catch((err: unknown) => batch.map(() => (err instanceof Error ? err : new Error(String(err)))));
      batch.forEach((w, i) => {
        const o = outcomes[i];
        if (o instanceof Error) w.reject(o);
        else w.resolve(o as O);
      });
    }
    writing = false;
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}

/** The part of a driver collection a batched insert needs. */
interface InsertTarget {
  insertMany(docs: Record<string, unknown>[], options: { ordered: false }): Promise<unknown>;
}

interface WriteErrorLike {
  index: number;
  code?: number;
}

/**
 * `insertOnce` for many callers at once, into one collection (see `batched`): one unordered
 * insert per batch, and each caller told what happened to its own document: true written, false
 * its unique key was taken; any other failure is its rejection.
 */
export function batchedInsertOnce(target: InsertTarget, maxBatch = 100): (doc: Record<string, unknown>) => Promise<boolean> {
  return batched(async (docs: Record<string, unknown>[]) => {
    try {
      await target.insertMany(docs, { ordered: false });
      return docs.map(() => true);
    } catch (err) {
      const listed = (err as { writeErrors?: WriteErrorLike | WriteErrorLike[] }).writeErrors;
      const failure = err instanceof Error ? err : new Error(String(err));
      // No per-document account (connection lost, server down): none of them is known to be written.
      if (listed === undefined) return docs.map(() => failure);
      const byIndex = new Map([listed].flat().map((w) => [w.index, w]));
      return docs.map((_, i) => {
        const w = byIndex.get(i);
        if (!w) return true;
        return isDuplicateKey(w) ? false : failure;
      });
    }
  }, maxBatch);
}
