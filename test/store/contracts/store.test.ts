/**
 * The port contracts on the real store: one test database for all, emptied before each case
 * (a file per port would cost a process and a connection each).
 */
import { ChangeLog } from '../../../src/store/change-log.js';
import { createDialogRows } from '../../../src/store/dialog.repository.js';
import { createEvidenceStore } from '../../../src/store/evidence.store.js';
import { MongoInboxStore } from '../../../src/store/inbox.store.js';
import { createJobRunStore } from '../../../src/store/job-run.repository.js';
import { createLeaseStore } from '../../../src/store/lease.repository.js';
import { createMetricSnapshotStore } from '../../../src/store/metric-snapshot.repository.js';
import { createOutboxStore } from '../../../src/store/outbox.repository.js';
import { createSessionRevocations } from '../../../src/store/session-revocation.repository.js';
import { useTestDb } from '../../support/test-db.js';
import { MongoDirectoryRepository } from '../../../src/store/directory.repository.js';
import { MongoProposalRepository } from '../../../src/store/proposal.repository.js';
import { createLedgerStore } from '../../../src/store/ledger-store.js';
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

useTestDb({ cleanBeforeEach: true });

outboxContract(async () => createOutboxStore());
jobRunsContract(async () => createJobRunStore());
leasesContract(async () => createLeaseStore());
dialogsContract(async () => createDialogRows());
inboxContract(async () => new MongoInboxStore());
metricSnapshotsContract(async () => createMetricSnapshotStore());
evidenceContract(async () => createEvidenceStore());
sessionsContract(async () => createSessionRevocations());
changeFeedContract(async () => new ChangeLog());
proposalsContract(async () => new MongoProposalRepository());
directoryContract(async () => new MongoDirectoryRepository());
ledgerViewContract(async () => createLedgerStore());
