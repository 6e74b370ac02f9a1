import type { Result } from '../result';
import type { ChannelName, ChannelRequest, ChannelResponse, MenuCommand } from './contract';

type Namespace<C> = C extends `${infer NS}.${string}` ? NS : never;
type Method<C, NS extends string> = C extends `${NS}.${infer M}` ? M : never;

/**
 * The shape of `window.fielddesk`, derived from the contract: one method per
 * channel, grouped by namespace, each returning a Result.
 */
export type FieldDeskBridge = {
  [NS in Namespace<ChannelName>]: {
    [M in Method<ChannelName, NS>]: `${NS}.${M}` extends infer C extends ChannelName
      ? (request: ChannelRequest<C>) => Promise<Result<ChannelResponse<C>>>
      : never;
  };
} & {
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};

/** Build the bridge object from the channel list and one invoke function. */
export function buildBridgeMethods(
  names: readonly string[],
  invoke: (channel: string, request: unknown) => Promise<unknown>,
): Record<string, Record<string, (request: unknown) => Promise<unknown>>> {
  const bridge: Record<string, Record<string, (request: unknown) => Promise<unknown>>> = {};
  for (const name of names) {
    const [ns, method] = name.split('.') as [string, string];
    bridge[ns] ??= {};
    // Freeze the argument list: exactly one request object crosses, never an event or a callback.
    bridge[ns][method] = (request: unknown) => invoke(name, request);
  }
  return bridge;
}
