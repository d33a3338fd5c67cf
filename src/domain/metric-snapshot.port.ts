/**
 * The headline figures as they stood when a weekly summary was built, one row per week.
 * Implemented in store/metric-snapshot.repository.ts.
 */
import type { HeadlineFigures } from './summary-weekly.js';

export interface MetricSnapshotStore {
  /** Keeps the figures of `kind` (e.g. 'weekly') for `period`, replacing those kept before for it. */
  save(kind: string, period: string, at: Date, figures: HeadlineFigures): Promise<void>;
  /** Deletes snapshots taken before `before`; returns how many. */
  purge(before: Date): Promise<number>;
}
