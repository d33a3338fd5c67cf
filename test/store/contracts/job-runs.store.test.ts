/** The contract of the job runs on the real store (test database, emptied before each case). */
import { createJobRunStore } from '../../../src/store/job-run.repository.js';
import { useTestDb } from '../../support/test-db.js';
import { jobRunsContract } from './job-runs.contract.js';

useTestDb({ cleanBeforeEach: true });
jobRunsContract(async () => createJobRunStore());
