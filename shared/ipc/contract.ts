import { z } from 'zod';
import { channel, Empty, type ChannelSpec } from './channel-spec';
import { backupChannels } from './channels/backup';
import { exportChannels } from './channels/export';
import { importChannels } from './channels/import';
import { mailChannels } from './channels/mail';
import { syncChannels } from './channels/sync';
import { trainingChannels } from './channels/training';
import { operationsChannels } from './channels/operations';
import { accessChannels } from './channels/access';
import { documentsChannels } from './channels/documents';

/**
 * The one list of IPC channels. Main registers a handler for each, the preload
 * exposes a named method for each, and the renderer's client is typed from it:
 * adding a channel here is the only way to add one.
 *
 * Channel names are `namespace.method`; the bridge exposes them as
 * `window.fielddesk.namespace.method(request)`.
 */
export type { ChannelSpec };

export const ThemeSchema = z.enum(['system', 'light', 'dark']);

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** Electron's version, or null when the renderer runs in the browser test host. */
  electron: z.string().nullable(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const SyncServerUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && u.host !== '';
    } catch {
      return false;
    }
  }, 'Enter the server address, such as https://fielddesk.example.gov');

export const ConfigSchema = z.object({
  syncServerUrl: z.string().nullable(),
});
export type AppConfig = z.infer<typeof ConfigSchema>;

export const StoredAttachmentSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  name: z.string().min(1).max(255),
  mime: z.string().max(128),
});
export type StoredAttachmentInfo = z.infer<typeof StoredAttachmentSchema>;

const coreChannels = {
  'app.info': channel({
    description: 'Name, version and data folder of the running app.',
    request: Empty,
    response: AppInfoSchema,
  }),
  'app.openExternal': channel({
    description: 'Open an http(s) or mailto link in the OS, after validation.',
    request: z.object({ url: z.string().max(4096) }).strict(),
    response: z.object({ opened: z.literal(true) }),
  }),
  'config.get': channel({
    description: 'Settings kept by the main process (they shape the security policy).',
    request: Empty,
    response: ConfigSchema,
  }),
  'config.setSyncServer': channel({
    description: 'Set or clear the sync server; the Content-Security-Policy follows it.',
    request: z.object({ url: SyncServerUrlSchema.nullable() }).strict(),
    response: ConfigSchema,
  }),
  'attachments.add': channel({
    description: 'Let the user pick files; store each by content hash in the data folder.',
    request: Empty,
    response: z.object({
      stored: z.array(StoredAttachmentSchema),
      /** Files that were refused (too large, unreadable), each with its reason. */
      refused: z.array(z.object({ name: z.string(), message: z.string() })),
    }),
  }),
  'attachments.open': channel({
    description: 'Open a stored attachment in the OS viewer.',
    request: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Not an attachment id'), name: z.string().min(1).max(255) }).strict(),
    response: z.object({ opened: z.literal(true) }),
  }),
} as const satisfies Record<string, ChannelSpec>;

/** Every channel: the core ones above, then one group per feature (shared/ipc/channels/<feature>.ts). */
export const channels = {
  ...coreChannels,
  ...exportChannels,
  ...importChannels,
  ...backupChannels,
  ...trainingChannels,
  ...operationsChannels,
  ...accessChannels,
  ...mailChannels,
  ...documentsChannels,
  ...syncChannels,
} as const satisfies Record<string, ChannelSpec>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelRequest<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ChannelResponse<C extends ChannelName> = z.output<Channels[C]['response']>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const DEFAULT_MAX_BYTES = 1_000_000;

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.hasOwn(channels, name);

/** Events main sends to the renderer (menu clicks). One channel, validated on arrival. */
export const MENU_COMMANDS = [
  'palette.open',
  'nav.tickets',
  'nav.training',
  'nav.access',
  'nav.people',
  'nav.reports',
  'nav.settings',
  'theme.cycle',
  'help.about',
] as const;
export const MenuCommandSchema = z.enum(MENU_COMMANDS);
export type MenuCommand = z.infer<typeof MenuCommandSchema>;
export const MENU_EVENT_CHANNEL = 'menu.command';
