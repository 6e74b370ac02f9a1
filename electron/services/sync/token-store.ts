import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SyncSessionSchema, type SyncSession } from '../../../shared/ipc/channels/sync';

/**
 * How the session is encrypted at rest. Main passes Electron's safeStorage
 * (OS keychain / DPAPI / libsecret); tests and the browser host pass a
 * plain-Node stand-in (node-token-crypto.ts).
 */
export interface TokenCrypto {
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

export interface TokenStore {
  get(): Promise<SyncSession | null>;
  /** Resolves to whether the session was written to disk (false: kept in memory only). */
  set(session: SyncSession): Promise<boolean>;
  clear(): Promise<void>;
}

const MAGIC = 'FDSESSION1\n';

/**
 * The sync session in one encrypted file. When encryption is unavailable
 * the token is kept in memory only: a bearer token in plain text on disk
 * would outlive the laptop it was issued to. A file that cannot be decrypted
 * (another OS user, a changed keychain) reads as signed out, never as an error:
 * the user signs in again and nothing else is affected.
 */
export function createTokenStore({ file, crypto }: { file: string | null; crypto: TokenCrypto | null }): TokenStore {
  let memory: SyncSession | null = null;
  let loaded = false;

  async function load(): Promise<SyncSession | null> {
    if (!file || !crypto || !crypto.isAvailable()) return null;
    try {
      const raw = await readFile(file);
      const head = Buffer.from(MAGIC);
      if (raw.length <= head.length || !raw.subarray(0, head.length).equals(head)) return null;
      const parsed = SyncSessionSchema.safeParse(JSON.parse(crypto.decrypt(raw.subarray(head.length))));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  return {
    async get() {
      if (!loaded) {
        memory = await load();
        loaded = true;
      }
      return memory;
    },
    async set(session) {
      const checked = SyncSessionSchema.parse(session);
      memory = checked;
      loaded = true;
      if (!file) return false;
      if (!crypto || !crypto.isAvailable()) {
        // Never plain text on disk; and an older encrypted session must not outlive this one.
        await rm(file, { force: true });
        return false;
      }
      const data = Buffer.concat([Buffer.from(MAGIC), crypto.encrypt(JSON.stringify(checked))]);
      await mkdir(path.dirname(file), { recursive: true });
      // Temp file and rename: a crash mid-write leaves the old session or the new one, never half of one.
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, data, { mode: 0o600 });
      await chmod(tmp, 0o600);
      await rename(tmp, file);
      return true;
    },
    async clear() {
      memory = null;
      loaded = true;
      if (file) await rm(file, { force: true });
    },
  };
}
