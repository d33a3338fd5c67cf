/** The contract of the dialog rows on the in-memory adapter that unit tests use. */
import { memoryDialogRows } from '../../support/memory-stores.js';
import { dialogsContract } from './dialogs.contract.js';

dialogsContract(async () => memoryDialogRows());
