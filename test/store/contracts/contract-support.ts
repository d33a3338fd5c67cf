/** Helpers the port contracts share. */
import { beforeEach } from 'vitest';

/** The contracts' simulated now, for the times a caller passes in. */
export const T = new Date('2026-03-02T01:00:00Z');
export const at = (ms: number): Date => new Date(T.getTime() + ms);

/**
 * The adapter under test, made afresh before each case: the returned object forwards every call
 * to the newest one `make` gave.
 */
export function freshEach<S extends object>(make: () => Promise<S>): S {
  let current: S | undefined;
  beforeEach(async () => {
    current = await make();
  });
  return new Proxy({} as S, {
    get(_target, name) {
      const value: unknown = Reflect.get(current!, name);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
}

/**
 * Resolves once the system clock has moved past this millisecond: rows the store stamps itself
 * (createdAt, updatedAt) then sort and compare apart.
 */
export async function afterTick(): Promise<void> {
  const start = Date.now();
  while (Date.now() <= start) await new Promise((r) => setImmediate(r));
}
