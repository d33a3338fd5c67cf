/**
 * Shared bench plumbing: one database for the run (MONGODB_URI, or an embedded server in a temporary
 * directory, as the tests do), percentiles and a peak-memory sampler. Benches print; they never assert.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../src/shared/logger.js';
import { connectDb, disconnectDb, ensureIndexes } from '../src/store/db.js';
import { ferretdbCachePath, startEmbeddedDb, type EmbeddedDb } from '../src/store/embedded-db.js';

export interface BenchDb {
  uri: string;
  kind: string;
  stop(): Promise<void>;
}

/** Starts (or reuses MONGODB_URI) a server; each bench connects to its own database on it. */
export async function startBenchDb(): Promise<BenchDb> {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, kind: 'external', stop: async () => {} };
  const dataDir = mkdtempSync(join(tmpdir(), 'tiantong-bench-'));
  const db: EmbeddedDb = await startEmbeddedDb({ dataDir, log: createLogger({ level: 'warn' }), ferretdbPath: ferretdbCachePath() });
  return {
    uri: db.uri,
    kind: db.kind,
    async stop() {
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Connects mongoose to a fresh database named `name`, builds indexes; returns a cleanup. */
export async function useBenchDatabase(uri: string, name: string): Promise<() => Promise<void>> {
  await connectDb(uri, { log: createLogger({ level: 'warn' }), dbName: `bench_${name}_${process.pid}` });
  await ensureIndexes();
  return async () => {
    const mongoose = (await import('mongoose')).default;
    await mongoose.connection.dropDatabase();
    await disconnectDb();
  };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i]!;
}

/** Times `fn` `n` times in sequence; returns sorted latencies in ms. */
export async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

/** Samples heap and RSS every 10 ms while `fn` runs; returns its result and the peaks in MiB. */
export async function withPeakMemory<T>(fn: () => Promise<T>): Promise<{ result: T; heapMiB: number; rssMiB: number }> {
  let heap = process.memoryUsage().heapUsed;
  let rss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    rss = Math.max(rss, m.rss);
  }, 10);
  try {
    const result = await fn();
    return { result, heapMiB: heap / 2 ** 20, rssMiB: rss / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

export const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;
