/** The contract of the change feed on the real store (test database, emptied before each case). */
import { ChangeLog } from '../../../src/store/change-log.js';
import { useTestDb } from '../../support/test-db.js';
import { changeFeedContract } from './change-feed.contract.js';

useTestDb({ cleanBeforeEach: true });
changeFeedContract(async () => new ChangeLog());
