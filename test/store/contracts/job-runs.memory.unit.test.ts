/** The contract of the job runs on the in-memory adapter that unit tests use. */
import { memoryJobRunStore } from '../../support/memory-stores.js';
import { jobRunsContract } from './job-runs.contract.js';

jobRunsContract(async () => memoryJobRunStore());
