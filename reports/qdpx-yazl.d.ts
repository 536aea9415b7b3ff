/** Minimal types for `yazl` (zip writer), which ships none: only what the exports use. */
declare module 'yazl' {
  import type { Readable } from 'node:stream';

  interface EntryOptions {
    mtime?: Date;
    mode?: number;
    compress?: boolean;
  }

  class ZipFile {
    readonly outputStream: Readable;
    addFile(realPath: string, metadataPath: string, options?: EntryOptions): void;
    addBuffer(buffer: Buffer, metadataPath: string, options?: EntryOptions): void;
    addReadStream(stream: Readable, metadataPath: string, options?: EntryOptions): void;
    end(options?: { comment?: string }): void;
  }

  const yazl: { ZipFile: typeof ZipFile };
  export default yazl;
  export { ZipFile };
}
