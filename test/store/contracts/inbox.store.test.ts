/** The contract of the inbox on the real store (test database, emptied before each case). */
import { MongoInboxStore } from '../../../src/store/inbox.store.js';
import { useTestDb } from '../../support/test-db.js';
import { inboxContract } from './inbox.contract.js';

useTestDb({ cleanBeforeEach: true });
inboxContract(async () => new MongoInboxStore());
