export type MergeMode = 'lww' | 'append';

export interface SyncTableSpec {
  merge: MergeMode;
  /**
   * Fields derived on each device (search words, sort keys): recomputed from
   * the synced fields on every write, so never logged or sent.
   */
  localFields?: readonly string[];
}
