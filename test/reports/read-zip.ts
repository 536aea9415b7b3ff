/**
 * Reads a zip back with yauzl (the reader Verbatim itself uses), entry by entry from its central
 * directory, so tests check what a strict reader sees: names, methods, timestamps and bytes.
 */
import yauzl from 'yauzl';

/** One entry as yauzl reads it. */
export interface ZipEntryRead {
  name: string;
  /** 0: stored, 8: deflated. */
  method: number;
  mtime: Date;
  /** Unix mode from the external attributes. */
  mode: number;
  data: Buffer;
}

/** Every entry of the archive at `path`, in central-directory order, with its bytes unless `data` is false. */
export function readZipEntries(path: string, data = true): Promise<ZipEntryRead[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('yauzl gave no zip'));
      const entries: ZipEntryRead[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        const read = (bytes: Buffer) => {
          entries.push({
            name: entry.fileName,
            method: entry.compressionMethod,
            mtime: entry.getLastModDate(),
            mode: entry.externalFileAttributes >>> 16,
            data: bytes,
          });
          zip.readEntry();
        };
        if (!data) return read(Buffer.alloc(0));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('yauzl gave no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => read(Buffer.concat(chunks)));
        });
      });
      zip.readEntry();
    });
  });
}
