import { z } from 'zod';

/** Who uses this device. Made on first run; no server is needed to start working. */
export const ProfileInputSchema = z.object({
  staffName: z.string().trim().min(1, 'Enter your name').max(120, 'Must be at most 120 characters'),
  deviceName: z.string().trim().min(1, 'Name this device, such as "Laptop 7"').max(80, 'Must be at most 80 characters'),
});
export type ProfileInput = z.input<typeof ProfileInputSchema>;

export const ProfileSchema = ProfileInputSchema.extend({ createdAt: z.string() });
export type Profile = z.output<typeof ProfileSchema>;
