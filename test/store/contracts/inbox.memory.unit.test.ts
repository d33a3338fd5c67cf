/** The contract of the inbox on the in-memory adapter that unit tests use. */
import { memoryInboxStore } from '../../support/memory-stores.js';
import { inboxContract } from './inbox.contract.js';

inboxContract(async () => memoryInboxStore());
