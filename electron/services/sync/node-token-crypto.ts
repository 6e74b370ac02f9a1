import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TokenCrypto } from './token-store';

/**
 * The plain-Node stand-in for safeStorage, for the browser test host and unit
 * tests: AES-256-GCM with a random key in a 0600 file beside the data. It is
 * only as strong as the file permissions, which is why Electron's main
 * process uses safeStorage instead.
 */
export function nodeTokenCrypto(keyFile: string): TokenCrypto {
  let key: Buffer | null = null;
  const getKey = (): Buffer => {
    if (key) return key;
    try {
      const existing = readFileSync(keyFile);
      if (existing.length === 32) return (key = existing);
    } catch {
      // no key yet
    }
    mkdirSync(path.dirname(keyFile), { recursive: true });
    key = randomBytes(32);
    writeFileSync(keyFile, key, { mode: 0o600 });
    return key;
  };
  return {
    isAvailable: () => true,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', getKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', getKey(), data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
