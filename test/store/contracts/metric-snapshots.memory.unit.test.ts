/** The contract of the metric snapshots on the in-memory adapter that unit tests use. */
import { memoryMetricSnapshots } from '../../support/memory-stores.js';
import { metricSnapshotsContract } from './metric-snapshots.contract.js';

metricSnapshotsContract(async () => memoryMetricSnapshots());
