import { afterAll } from 'vitest';
import { openPglite } from '../../../server/db/pglite';
import { shared } from './support/harness';
import { describeInvalidRecords } from './support/invalid-records-suite';

// The real PostgreSQL run of the same property is in tests/integration/server/routes.postgres.test.ts.
const db = shared(() => openPglite());
afterAll(() => db.close());

describeInvalidRecords('PGlite', db.get, 150);
