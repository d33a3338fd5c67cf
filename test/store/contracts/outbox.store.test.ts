/** The contract of the outbox on the real store (test database, emptied before each case). */
import { createOutboxStore } from '../../../src/store/outbox.repository.js';
import { useTestDb } from '../../support/test-db.js';
import { outboxContract } from './outbox.contract.js';

useTestDb({ cleanBeforeEach: true });
outboxContract(async () => createOutboxStore());
