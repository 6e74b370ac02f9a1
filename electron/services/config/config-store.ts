import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigSchema, type AppConfig } from '../../../shared/ipc/contract';

const DEFAULTS: AppConfig = { syncServerUrl: null };

/**
 * Main-process settings in `config.json` under the data folder. Written to a
 * temp file and renamed, so a crash mid-write never leaves a torn file; a
 * file that does not parse is ignored in favour of defaults rather than
 * stopping the app from starting.
 */
export class ConfigStore {
  private current: AppConfig = DEFAULTS;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'config.json');
  }

  async load(): Promise<AppConfig> {
    try {
      const parsed = ConfigSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      this.current = parsed.success ? parsed.data : DEFAULTS;
    } catch {
      this.current = DEFAULTS;
    }
    return this.current;
  }

  get(): AppConfig {
    return this.current;
  }

  async update(patch: Partial<AppConfig>): Promise<AppConfig> {
    const next = ConfigSchema.parse({ ...this.current, ...patch });
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(next, null, 2));
    await rename(tmp, this.file);
    this.current = next;
    return next;
  }
}
