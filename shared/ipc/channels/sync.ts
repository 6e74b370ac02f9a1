import { z } from 'zod';
import { channel, Empty, type ChannelSpec } from '../channel-spec';

/**
 * The signed-in sync session. Main keeps it encrypted at rest (Electron's
 * safeStorage); the renderer asks for it at each sync because it is the
 * renderer that talks to the server. A session belongs to one server: the
 * renderer ignores it when the configured server has changed since.
 */
export const SyncSessionSchema = z
  .object({
    serverUrl: z.string().min(1).max(2048),
    token: z.string().min(1).max(512),
    /** Epoch milliseconds, server time. */
    expiresAt: z.number(),
    user: z
      .object({
        id: z.string().max(128),
        email: z.string().max(254),
        name: z.string().max(200),
        role: z.enum(['technician', 'coordinator', 'admin']),
        personId: z.string().max(64).optional(),
      })
      .strict(),
  })
  .strict();
export type SyncSession = z.infer<typeof SyncSessionSchema>;

export const syncChannels = {
  'sync.getToken': channel({
    description: 'The signed-in sync session (server, token, user), or null when signed out.',
    request: Empty,
    response: z.object({ session: SyncSessionSchema.nullable() }),
  }),
  'sync.setToken': channel({
    description: 'Keep the session of a successful sign-in, encrypted by the main process.',
    request: SyncSessionSchema,
    response: z.object({ stored: z.literal(true), persisted: z.boolean() }),
  }),
  'sync.clearToken': channel({
    description: 'Forget the sync session (sign-out). The outbox is never touched.',
    request: Empty,
    response: z.object({ cleared: z.literal(true) }),
  }),
} as const satisfies Record<string, ChannelSpec>;
