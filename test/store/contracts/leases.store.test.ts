/** The contract of the lease terms on the real store (test database, emptied before each case). */
import { createLeaseStore } from '../../../src/store/lease.repository.js';
import { useTestDb } from '../../support/test-db.js';
import { leasesContract } from './leases.contract.js';

useTestDb({ cleanBeforeEach: true });
leasesContract(async () => createLeaseStore());
