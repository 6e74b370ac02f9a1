// Only tsconfig.shared.json reads this file (the others exclude it and use the real
// DOM or Node declarations). shared/ compiles without DOM or Node types so that neither can leak in. These
// few globals exist in every runtime FieldDesk uses (Chromium, Node 20+), so
// shared code may use them.
declare global {
  var crypto: {
    getRandomValues<T extends ArrayBufferView>(array: T): T;
    randomUUID(): string;
    subtle: unknown;
  };
  class TextEncoder {
    encode(input?: string): Uint8Array;
  }
  class TextDecoder {
    constructor(label?: string, options?: { fatal?: boolean });
    decode(input?: ArrayBufferView | ArrayBuffer): string;
  }
  class URL {
    constructor(url: string, base?: string);
    readonly protocol: string;
    readonly host: string;
    readonly hostname: string;
    readonly origin: string;
    readonly pathname: string;
    readonly search: string;
    readonly username: string;
    readonly password: string;
    readonly href: string;
  }
  function setTimeout(cb: () => void, ms?: number): unknown;
  function clearTimeout(handle: unknown): void;
  var console: { log(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void };
}
export {};
