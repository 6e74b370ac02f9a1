// Just what the benchmark page uses of PouchDB's browser build (it ships no types).
declare module 'pouchdb-browser' {
  interface PouchInstance {
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    destroy(): Promise<unknown>;
    close(): Promise<void>;
  }
  interface PouchStatic {
    new (name: string, options?: Record<string, unknown>): PouchInstance;
    replicate(source: string | PouchInstance, target: string | PouchInstance, options?: Record<string, unknown>): Promise<{ ok: boolean; docs_written: number; doc_write_failures: number }>;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
