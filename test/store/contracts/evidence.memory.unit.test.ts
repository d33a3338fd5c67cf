/** The contract of the evidence photos on the in-memory adapter that unit tests use. */
import { memoryEvidenceStore } from '../../support/memory-stores.js';
import { evidenceContract } from './evidence.contract.js';

evidenceContract(async () => memoryEvidenceStore());
