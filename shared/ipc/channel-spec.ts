import { z } from 'zod';

/**
 * One IPC channel: the request it accepts and the response it promises, both
 * zod schemas, so main validates what arrives and types follow on every side.
 */
export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  /** Largest request accepted, in bytes of JSON. Keeps a runaway renderer from flooding main. */
  maxBytes?: number;
  description: string;
}

export const channel = <Req extends z.ZodType, Res extends z.ZodType>(spec: ChannelSpec<Req, Res>) => spec;

/** The request of channels that take no arguments: exactly `{}`. */
export const Empty = z.object({}).strict();
