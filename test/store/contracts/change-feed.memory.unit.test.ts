/** The contract of the change feed on the in-memory adapter that unit tests use. */
import { memoryChangeFeed } from '../../support/memory-stores.js';
import { changeFeedContract } from './change-feed.contract.js';

changeFeedContract(async () => memoryChangeFeed());
