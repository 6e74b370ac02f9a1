import Dexie from 'dexie';
import { SCHEMA_HISTORY } from '../../renderer/src/data/schema';

/**
 * Runs in a benchmark page: the app's stores with no middleware and the same
 * strict durability, the baseline every write figure is compared with.
 */
export async function openBareDatabase(name: string): Promise<Dexie> {
  const bare = new Dexie(name, { chromeTransactionDurability: 'strict' });
  for (const v of SCHEMA_HISTORY) bare.version(v.version).stores(v.stores);
  await bare.open();
  return bare;
}
