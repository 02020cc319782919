// The multipart parser Next decodes a fetch action's body with (action-handler.js), which ships no types.
declare module 'next/dist/compiled/busboy' {
  import type { Writable } from 'node:stream';

  interface BusboyOptions {
    headers: Record<string, string>;
    defParamCharset?: string;
    limits?: { fieldSize?: number };
  }
  interface Busboy extends Writable {
    on(event: 'field', listener: (name: string, value: string) => void): this;
    on(event: 'file', listener: (name: string, stream: NodeJS.ReadableStream, info: { encoding: string }) => void): this;
    on(event: 'close', listener: () => void): this;
    on(event: 'error', listener: (error: unknown) => void): this;
  }
  const busboy: (options: BusboyOptions) => Busboy;
  export default busboy;
}
