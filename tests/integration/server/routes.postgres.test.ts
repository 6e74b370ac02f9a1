import { afterAll, describe } from 'vitest';
import { openPostgres } from '../../../server/db/postgres';
import { describeAuthority } from '../../unit/server/support/authority-suite';
import { describeInvalidRecords } from '../../unit/server/support/invalid-records-suite';
import { describeAdministration } from '../../unit/server/support/admin-suite';
import { describeServerEdges } from '../../unit/server/support/edges-suite';
import { shared } from '../../unit/server/support/harness';
import { describeHostilePayloads } from '../../unit/server/support/hostile-suite';
import { describeServerRoutes } from '../../unit/server/support/route-suite';
import { describeFirstSyncTiers } from '../../unit/server/support/tiers-suite';
import { postgresOrReason, startPostgres, type PgCluster } from './postgres';

// The same route, hostile-payload, admin and edge suites the unit run uses on PGlite,
// here against a real PostgreSQL server.
const found = postgresOrReason();

describe.skipIf(!found.ok)('real PostgreSQL', () => {
  let cluster: PgCluster | undefined;
  const db = shared(async () => {
    if (!found.ok) throw new Error('unreachable');
    cluster = await startPostgres(found);
    return openPostgres(await cluster.createDatabase());
  });
  afterAll(async () => {
    await db.close();
    cluster?.stop();
  });

  describeServerRoutes('PostgreSQL', db.get);
  describeAuthority('PostgreSQL', db.get);
  describeInvalidRecords('PostgreSQL', db.get, 60);
  describeHostilePayloads('PostgreSQL', db.get);
  describeAdministration('PostgreSQL', db.get);
  describeServerEdges('PostgreSQL', db.get);
  describeFirstSyncTiers('PostgreSQL', db.get);
});
