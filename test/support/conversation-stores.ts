/** The conversation's stores on the test database, as the service builds them. */
import { createDialogRows } from '../../src/store/dialog.repository.js';
import { createEvidenceStore } from '../../src/store/evidence.store.js';

export const conversationStores = () => ({ dialogs: createDialogRows(), evidence: createEvidenceStore() });
