/** The contract of the metric snapshots on the real store (test database, emptied before each case). */
import { createMetricSnapshotStore } from '../../../src/store/metric-snapshot.repository.js';
import { useTestDb } from '../../support/test-db.js';
import { metricSnapshotsContract } from './metric-snapshots.contract.js';

useTestDb({ cleanBeforeEach: true });
metricSnapshotsContract(async () => createMetricSnapshotStore());
