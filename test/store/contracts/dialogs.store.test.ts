/** The contract of the dialog rows on the real store (test database, emptied before each case). */
import { createDialogRows } from '../../../src/store/dialog.repository.js';
import { useTestDb } from '../../support/test-db.js';
import { dialogsContract } from './dialogs.contract.js';

useTestDb({ cleanBeforeEach: true });
dialogsContract(async () => createDialogRows());
