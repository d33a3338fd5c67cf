/** The contract of the lease terms on the in-memory adapter that unit tests use. */
import { memoryLeaseStore } from '../../support/memory-stores.js';
import { leasesContract } from './leases.contract.js';

leasesContract(async () => memoryLeaseStore());
