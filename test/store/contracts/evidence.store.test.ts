/** The contract of the evidence photos on the real store (test database, emptied before each case). */
import { createEvidenceStore } from '../../../src/store/evidence.store.js';
import { useTestDb } from '../../support/test-db.js';
import { evidenceContract } from './evidence.contract.js';

useTestDb({ cleanBeforeEach: true });
evidenceContract(async () => createEvidenceStore());
