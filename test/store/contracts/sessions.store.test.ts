/** The contract of the signed-out sessions on the real store (test database, emptied before each case). */
import { createSessionRevocations } from '../../../src/store/session-revocation.repository.js';
import { useTestDb } from '../../support/test-db.js';
import { sessionsContract } from './sessions.contract.js';

useTestDb({ cleanBeforeEach: true });
sessionsContract(async () => createSessionRevocations());
