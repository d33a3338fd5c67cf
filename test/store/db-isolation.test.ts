/** Runs beside db-isolation-twin.test.ts; see checkIsolation. */
import { useTestDb } from '../support/test-db.js';
import { checkIsolation } from './thing.fixture.js';

useTestDb();
checkIsolation('db-isolation');
