/**
 * A zip archive streamed to a file, for exports made of many small files (a REFI-QDA project
 * holds one source file per comment). Each entry is written synchronously as it is added, at a
 * constant cost (yazl rescanned its whole entry list for each entry, so an export was quadratic
 * in its sources), and its bytes wait only in the file stream's buffer, which
 * {@link ZipFileWriter.drained} lets the caller wait on.
 *
 * Each entry goes through its own fflate `Zip` (local header, stored or deflated data, CRC, data
 * descriptor); its one central-directory record is kept, its offset set, in a compact buffer
 * (about 100 bytes an entry). One fflate `Zip` for the whole archive would keep about 1.1 KB of
 * objects per entry until the end: 220 MB for 200,000 comments.
 *
 * The archive is deterministic: every entry has the given mtime (DOS time, local clock, clamped
 * to 1980–2099) and Unix mode 0644. From 65,535 entries on, the end of the central directory is
 * a Zip64 record, as the format asks (APPNOTE 4.4.1.4); archives of 4 GiB or more, which would
 * need Zip64 in every entry, are refused.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { VerbatimError } from '../pipeline/index.js';

/** Unix regular file, rw-r--r--, in the high half of the external attributes. */
const FILE_ATTRS = 0o100644 * 0x10000;
/** "Made by" host: Unix, so readers apply the mode. */
const OS_UNIX = 3;
/** Largest value of a 32-bit zip field; at or above it the field needs Zip64. */
const MAX_U32 = 0xffffffff;
/** Largest value of a 16-bit entry count; at or above it the count needs Zip64. */
const MAX_U16 = 0xffff;
/** Size of the classic end-of-central-directory record (no comment). */
const EOCD_BYTES = 22;
/** Where a central-directory record holds its entry's local header offset. */
const LOCAL_OFFSET_AT = 42;

/** An entry being written, and the one-entry zip that frames it. */
interface Open {
  entry: ZipPassThrough | ZipDeflate;
  zip: Zip;
}

/** Writes a zip file entry by entry; {@link close} completes it, {@link abort} removes it. */
export class ZipFileWriter {
  readonly #file: WriteStream;
  readonly #closed: Promise<void>;
  readonly #mtime: Date;
  #directory = Buffer.alloc(1 << 16);
  #directoryBytes = 0;
  #bytes = 0;
  #entries = 0;
  #failure: Error | null = null;

  /** Opens `path` for writing (truncating it); every entry gets `mtime`. */
  constructor(
    readonly path: string,
    mtime: Date,
  ) {
    this.#mtime = dosRange(mtime);
    this.#file = createWriteStream(path);
    this.#closed = new Promise((resolve, reject) => {
      this.#file.on('error', (error) => {
        this.#failure ??= error;
        reject(error);
      });
      this.#file.on('close', () => resolve());
    });
    // Awaited by close(); the handler only keeps an early failure from being reported as unhandled.
    this.#closed.catch(() => undefined);
  }

  /** Bytes of the archive so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Adds a whole file, deflated or stored. */
  addBuffer(name: string, data: Uint8Array, compress: boolean): void {
    const { entry, zip } = this.#open(name, compress);
    entry.push(data, true);
    zip.end();
    this.#check();
  }

  /** Adds a file from a stream, chunk by chunk, waiting whenever `maxPending` bytes are unwritten. */
  async addStream(name: string, chunks: AsyncIterable<Uint8Array>, compress: boolean, maxPending: number) {
    const { entry, zip } = this.#open(name, compress);
    for await (const chunk of chunks) {
      entry.push(chunk, false);
      this.#check();
      await this.drained(maxPending);
    }
    entry.push(new Uint8Array(0), true);
    zip.end();
    this.#check();
  }

  /**
   * Resolves once no more than `maxPending` archive bytes wait to be written to the file (or
   * fewer than the file stream's high-water mark, 16 KiB, below which it signals nothing).
   */
  async drained(maxPending: number): Promise<void> {
    while (this.#file.writableLength > maxPending && this.#file.writableNeedDrain) {
      this.#check();
      await once(this.#file, 'drain');
    }
    this.#check();
  }

  /** Writes the central directory and closes the file; resolves to the archive's size. */
  async close(): Promise<number> {
    this.#check();
    const offset = this.#bytes;
    const size = this.#directoryBytes;
    if (offset + size + 98 >= MAX_U32) throw tooLarge();
    this.#write(this.#directory.subarray(0, size));
    this.#write(endRecords(this.#entries, offset, size));
    this.#file.end();
    await this.#closed;
    return this.#bytes;
  }

  /** Stops writing and removes the partial file. */
  async abort(): Promise<void> {
    this.#file.destroy();
    await this.#closed.catch(() => undefined);
    await rm(this.path, { force: true });
  }

  #open(name: string, compress: boolean): Open {
    this.#check();
    const offset = this.#bytes;
    if (offset >= MAX_U32) throw tooLarge();
    const entry = compress ? new ZipDeflate(name) : new ZipPassThrough(name);
    entry.mtime = this.#mtime;
    entry.os = OS_UNIX;
    entry.attrs = FILE_ATTRS;
    // The one-entry zip's last chunk is its central directory (this entry's record) and end record.
    const zip = new Zip((error, chunk, final) => {
      if (error) this.#failure ??= error;
      else if (final) this.#keepRecord(chunk.subarray(0, chunk.length - EOCD_BYTES), offset);
      else this.#write(chunk);
    });
    zip.add(entry);
    return { entry, zip };
  }

  #keepRecord(record: Uint8Array, offset: number): void {
    const end = this.#directoryBytes + record.length;
    if (end > this.#directory.length) {
      const grown = Buffer.alloc(Math.max(end, this.#directory.length * 2));
      this.#directory.copy(grown, 0, 0, this.#directoryBytes);
      this.#directory = grown;
    }
    this.#directory.set(record, this.#directoryBytes);
    this.#directory.writeUInt32LE(offset, this.#directoryBytes + LOCAL_OFFSET_AT);
    this.#directoryBytes = end;
    this.#entries += 1;
  }

  #write(chunk: Uint8Array): void {
    this.#bytes += chunk.length;
    this.#file.write(chunk);
  }

  #check(): void {
    if (this.#failure) throw this.#failure;
  }
}

/**
 * The end of the central directory. Its entry counts are 16-bit: from 65,535 entries on, a Zip64
 * end record and its locator come first, and the classic record's counts say "see Zip64" (0xFFFF).
 */
function endRecords(entries: number, offset: number, size: number): Buffer {
  const zip64 = entries >= MAX_U16;
  const end = Buffer.alloc((zip64 ? 56 + 20 : 0) + EOCD_BYTES);
  let at = 0;
  if (zip64) {
    end.writeUInt32LE(0x06064b50, 0);
    end.writeBigUInt64LE(44n, 4);
    end.writeUInt16LE((OS_UNIX << 8) | 45, 12);
    end.writeUInt16LE(45, 14);
    end.writeBigUInt64LE(BigInt(entries), 24);
    end.writeBigUInt64LE(BigInt(entries), 32);
    end.writeBigUInt64LE(BigInt(size), 40);
    end.writeBigUInt64LE(BigInt(offset), 48);
    // The locator of the Zip64 record, which starts right after the central directory.
    end.writeUInt32LE(0x07064b50, 56);
    end.writeBigUInt64LE(BigInt(offset + size), 64);
    end.writeUInt32LE(1, 72);
    at = 76;
  }
  end.writeUInt32LE(0x06054b50, at);
  end.writeUInt16LE(Math.min(entries, MAX_U16), at + 8);
  end.writeUInt16LE(Math.min(entries, MAX_U16), at + 10);
  end.writeUInt32LE(size, at + 12);
  end.writeUInt32LE(offset, at + 16);
  return end;
}

/** DOS timestamps cover 1980–2107 (fflate accepts up to 2099): clamp rather than fail. */
function dosRange(date: Date): Date {
  const min = new Date(1980, 0, 1, 0, 0, 0);
  const max = new Date(2099, 11, 31, 23, 59, 58);
  if (Number.isNaN(date.getTime()) || date < min) return min;
  return date > max ? max : date;
}

function tooLarge(): VerbatimError {
  return new VerbatimError(
    'INPUT_TOO_LARGE',
    'the archive would reach 4 GiB, more than a zip without Zip64 entries holds',
  );
}
