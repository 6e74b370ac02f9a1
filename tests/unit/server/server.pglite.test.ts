import { afterAll } from 'vitest';
import { openPglite } from '../../../server/db/pglite';
import { describeAuthority } from './support/authority-suite';
import { describeAdministration } from './support/admin-suite';
import { describeServerEdges } from './support/edges-suite';
import { shared } from './support/harness';
import { describeHostilePayloads } from './support/hostile-suite';
import { describeServerRoutes } from './support/route-suite';
import { describeFirstSyncTiers } from './support/tiers-suite';

// One in-memory PGlite for the whole file (opening one takes seconds): the
// same SQL as production PostgreSQL, without a database server.
const db = shared(() => openPglite());
afterAll(() => db.close());

describeServerRoutes('PGlite', db.get);
describeAuthority('PGlite', db.get);
describeHostilePayloads('PGlite', db.get);
describeAdministration('PGlite', db.get);
describeServerEdges('PGlite', db.get);
describeFirstSyncTiers('PGlite', db.get);
