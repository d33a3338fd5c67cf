/** Small helpers shared by the repositories for writing documents. */

/** MongoDB's (and FerretDB's) duplicate-key error: a unique insert that lost. */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number }).code === 11000;

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
