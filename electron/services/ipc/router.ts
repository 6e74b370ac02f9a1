import type { z } from 'zod';
import { channels, DEFAULT_MAX_BYTES, isChannelName, type ChannelName, type ChannelResponse } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/result';
import { parseWith } from '../../../shared/validation';

/** What main knows about who sent a request: the frame's URL and whether it is top-level. */
export interface SenderInfo {
  url: string;
  isTopFrame: boolean;
}

/** The request as the handler sees it: parsed, with the schema's defaults filled in. */
export type ParsedRequest<C extends ChannelName> = z.output<(typeof channels)[C]['request']>;

export interface HandlerContext {
  sender: SenderInfo;
}

export type Handler<C extends ChannelName> = (
  request: ParsedRequest<C>,
  context: HandlerContext,
) => Promise<Result<ChannelResponse<C>>> | Result<ChannelResponse<C>>;

export type Handlers = { [C in ChannelName]: Handler<C> };

/** The handlers of one feature's group of channels. */
export type HandlersFor<T> = { [C in keyof T & ChannelName]: Handler<C> };

export interface IpcRouter {
  readonly channelNames: readonly ChannelName[];
  handle(channel: unknown, sender: SenderInfo, payload: unknown): Promise<Result<unknown>>;
}

export interface RouterOptions {
  handlers: Handlers;
  isTrustedSender: (sender: SenderInfo) => boolean;
  onError?: (channel: string, error: unknown) => void;
}

function byteLength(payload: unknown): number {
  try {
    const json = JSON.stringify(payload);
    return json === undefined ? 0 : new TextEncoder().encode(json).length;
  } catch {
    return Number.POSITIVE_INFINITY; // cycles, BigInt: not a request we accept
  }
}

/**
 * The single gate every IPC request passes: known channel, trusted sender,
 * bounded size, valid request; the handler's answer is checked against the
 * contract too, so a bug in main cannot hand the renderer a malformed value.
 * Main and the test host both mount this, so tests exercise the real gate.
 */
export function createIpcRouter({ handlers, isTrustedSender, onError }: RouterOptions): IpcRouter {
  return {
    channelNames: Object.keys(channels) as ChannelName[],
    async handle(channel, sender, payload) {
      if (!isChannelName(channel)) return err('unknown_channel', `Unknown channel: ${String(channel).slice(0, 80)}`);
      if (!isTrustedSender(sender)) return err('forbidden_sender', 'This request did not come from the FieldDesk window.');
      const spec = channels[channel];
      const max = ('maxBytes' in spec ? (spec.maxBytes as number) : undefined) ?? DEFAULT_MAX_BYTES;
      if (byteLength(payload) > max) return err('too_large', `The request is larger than ${Math.round(max / 1024)} KB.`);
      const parsed = parseWith(spec.request, payload, `${channel} request`);
      if (!parsed.ok) return parsed;
      try {
        const handler = handlers[channel] as (req: unknown, ctx: HandlerContext) => Promise<Result<unknown>> | Result<unknown>;
        const result = await handler(parsed.value, { sender });
        if (!result.ok) return result;
        const checked = spec.response.safeParse(result.value);
        if (!checked.success) {
          onError?.(channel, checked.error);
          return err('internal', `FieldDesk produced an invalid ${channel} response.`);
        }
        return ok(checked.data);
      } catch (e) {
        onError?.(channel, e);
        return err('internal', `Something went wrong in ${channel}. Nothing was changed.`);
      }
    },
  };
}
