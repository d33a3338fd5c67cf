/**
 * The port contracts on the in-memory adapters that unit tests use (test/support/memory-stores.ts).
 * One file for all: the unit project's time goes mostly to loading files.
 */
import {
  memoryChangeFeed,
  memoryDialogRows,
  memoryEvidenceStore,
  memoryInboxStore,
  memoryJobRunStore,
  memoryLeaseStore,
  memoryMetricSnapshots,
  memoryOutboxStore,
  memorySessionRevocations,
} from '../../support/memory-stores.js';
import { memoryLedger } from '../../support/memory-ledger.js';
import { changeFeedContract } from './change-feed.contract.js';
import { dialogsContract } from './dialogs.contract.js';
import { directoryContract } from './directory.contract.js';
import { evidenceContract } from './evidence.contract.js';
import { inboxContract } from './inbox.contract.js';
import { jobRunsContract } from './job-runs.contract.js';
import { leasesContract } from './leases.contract.js';
import { ledgerViewContract } from './ledger-view.contract.js';
import { metricSnapshotsContract } from './metric-snapshots.contract.js';
import { outboxContract } from './outbox.contract.js';
import { proposalsContract } from './proposals.contract.js';
import { sessionsContract } from './sessions.contract.js';

outboxContract(async () => memoryOutboxStore());
jobRunsContract(async () => memoryJobRunStore());
leasesContract(async () => memoryLeaseStore());
dialogsContract(async () => memoryDialogRows());
inboxContract(async () => memoryInboxStore());
metricSnapshotsContract(async () => memoryMetricSnapshots());
evidenceContract(async () => memoryEvidenceStore());
sessionsContract(async () => memorySessionRevocations());
changeFeedContract(async () => memoryChangeFeed());
proposalsContract(async () => memoryLedger().proposals);
directoryContract(async () => memoryLedger().directory);
ledgerViewContract(async () => memoryLedger());
