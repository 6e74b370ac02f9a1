import type { HybridClock } from '../../../shared/sync/hlc';

/**
 * Who this device is and what time it thinks it is. The change log needs both
 * for every write; they are loaded once when the database opens.
 */
export interface DeviceContext {
  deviceId: string;
  clock: HybridClock;
}

export class DeviceRef {
  private ctx: DeviceContext | null = null;

  set(ctx: DeviceContext): void {
    this.ctx = ctx;
  }

  get(): DeviceContext {
    if (!this.ctx) throw new Error('The database is not open yet: writes must wait for openDatabase().');
    return this.ctx;
  }
}
