/** The contract of the outbox on the in-memory adapter that unit tests use. */
import { memoryOutboxStore } from '../../support/memory-stores.js';
import { outboxContract } from './outbox.contract.js';

outboxContract(async () => memoryOutboxStore());
