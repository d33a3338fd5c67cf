/** The contract of the signed-out sessions on the in-memory adapter that unit tests use. */
import { memorySessionRevocations } from '../../support/memory-stores.js';
import { sessionsContract } from './sessions.contract.js';

sessionsContract(async () => memorySessionRevocations());
