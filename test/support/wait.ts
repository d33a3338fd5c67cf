/**
 * Waiting on a condition instead of a fixed sleep: tests run on shared 2-core machines where a
 * step that takes 200 ms when idle can take 20 s under load, so deadlines are generous and the
 * check is repeated until it holds. The failure message names what was awaited.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface WaitOptions {
  /** Default 60 s: long enough for a loaded machine, short of vitest's hook timeout. */
  timeoutMs?: number;
  intervalMs?: number;
}

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Resolves with the first truthy value `check` returns; throws naming `what` at the deadline. */
export async function waitUntil<T>(what: string, check: () => T | Promise<T>, o: WaitOptions = {}): Promise<Truthy<T>> {
  const deadline = Date.now() + (o.timeoutMs ?? 60_000);
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await sleep(o.intervalMs ?? 100);
  }
}
