/**
 * Graceful-stop helpers: know what work is in flight, and close an HTTP server so that it stops
 * accepting at once but lets the requests it is serving finish.
 */
import type { Server } from 'node:http';

export interface InFlight {
  /** Runs `fn`, counted as in flight until it settles. */
  track<T>(fn: () => Promise<T>): Promise<T>;
  count(): number;
  /** Resolves when nothing is in flight, or after `timeoutMs`; true when it drained. */
  idle(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  let n = 0;
  let waiters: (() => void)[] = [];
  return {
    async track(fn) {
      n++;
      try {
        return await fn();
      } finally {
        n--;
        if (n === 0) for (const w of waiters.splice(0)) w();
      }
    },
    count: () => n,
    idle(timeoutMs) {
      if (n === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== done);
          resolve(false);
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          resolve(true);
        };
        waiters.push(done);
      });
    },
  };
}

/**
 * Stops accepting connections, closes idle keep-alive ones, waits up to `graceMs` for open
 * requests to finish, then cuts what is left. Resolves true when everything finished in time.
 */
export async function closeServer(server: Server, graceMs: number): Promise<boolean> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Keep-alive connections that finish a request after this are closed as they go idle.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const timedOut = await Promise.race([closed.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref())]);
  clearInterval(sweep);
  if (timedOut) {
    server.closeAllConnections();
    await closed;
  }
  return !timedOut;
}
