/**
 * A zip archive streamed to a file, for exports made of many small files (a REFI-QDA project
 * holds one source file per comment). Built on fflate's streaming `Zip`: each entry is written
 * synchronously as it is added, at a constant cost (yazl rescanned its whole entry list for each
 * entry, so an export was quadratic in its sources). The bytes wait in the file stream's buffer
 * only, and {@link ZipFileWriter.drained} lets the caller wait for it, so memory stays flat.
 *
 * The archive is deterministic: every entry has the given mtime (DOS time, local clock, clamped
 * to 1980–2099) and Unix mode 0644. fflate writes 16-bit entry counts only, so an archive of
 * 65,535 entries or more gets a Zip64 end-of-central-directory record, as the format asks
 * (APPNOTE 4.4.1.4); archives of 4 GiB or more, which would need Zip64 in every entry, are refused.
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
const EOCD_BYTES = 22;

/** An entry being written: fflate's stream objects share these fields. */
type Entry = ZipPassThrough | ZipDeflate;

/** Writes a zip file entry by entry; {@link close} completes it, {@link abort} removes it. */
export class ZipFileWriter {
  readonly #zip: Zip;
  readonly #file: WriteStream;
  readonly #closed: Promise<void>;
  readonly #mtime: Date;
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
    this.#zip = new Zip((error, chunk, final) => {
      if (error) {
        this.#failure ??= error;
        return;
      }
      this.#write(final ? this.#withZip64End(chunk) : chunk);
      if (final) this.#file.end();
    });
  }

  /** Bytes of the archive so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Adds a whole file, deflated or stored. */
  addBuffer(name: string, data: Uint8Array, compress: boolean): void {
    const entry = this.#open(name, compress);
    entry.push(data, true);
    this.#check();
  }

  /** Adds a file from a stream, chunk by chunk, waiting whenever `maxPending` bytes are unwritten. */
  async addStream(name: string, chunks: AsyncIterable<Uint8Array>, compress: boolean, maxPending: number) {
    const entry = this.#open(name, compress);
    for await (const chunk of chunks) {
      entry.push(chunk, false);
      this.#check();
      await this.drained(maxPending);
    }
    entry.push(new Uint8Array(0), true);
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
    this.#zip.end();
    this.#check();
    await this.#closed;
    return this.#bytes;
  }

  /** Stops writing and removes the partial file. */
  async abort(): Promise<void> {
    this.#zip.terminate();
    this.#file.destroy();
    await this.#closed.catch(() => undefined);
    await rm(this.path, { force: true });
  }

  #open(name: string, compress: boolean): Entry {
    this.#check();
    if (this.#bytes >= MAX_U32) throw tooLarge();
    const entry = compress ? new ZipDeflate(name) : new ZipPassThrough(name);
    entry.mtime = this.#mtime;
    entry.os = OS_UNIX;
    entry.attrs = FILE_ATTRS;
    this.#zip.add(entry);
    this.#entries += 1;
    return entry;
  }

  #write(chunk: Uint8Array): void {
    this.#bytes += chunk.length;
    this.#file.write(chunk);
  }

  #check(): void {
    if (this.#failure) throw this.#failure;
  }

  /**
   * fflate's last chunk is the central directory and a 22-byte end record whose entry counts
   * are 16-bit: past 65,534 entries, a Zip64 end record and its locator go before it, and the
   * end record's counts say "see Zip64" (0xFFFF).
   */
  #withZip64End(last: Uint8Array): Uint8Array {
    const directorySize = last.length - EOCD_BYTES;
    const directoryOffset = this.#bytes;
    if (directoryOffset + directorySize >= MAX_U32) {
      this.#failure ??= tooLarge();
      return new Uint8Array(0);
    }
    if (this.#entries < MAX_U16) return last;
    const end = Buffer.alloc(56 + 20 + EOCD_BYTES);
    // Zip64 end of central directory record.
    end.writeUInt32LE(0x06064b50, 0);
    end.writeBigUInt64LE(44n, 4);
    end.writeUInt16LE((OS_UNIX << 8) | 45, 12);
    end.writeUInt16LE(45, 14);
    end.writeBigUInt64LE(BigInt(this.#entries), 24);
    end.writeBigUInt64LE(BigInt(this.#entries), 32);
    end.writeBigUInt64LE(BigInt(directorySize), 40);
    end.writeBigUInt64LE(BigInt(directoryOffset), 48);
    // Its locator.
    end.writeUInt32LE(0x07064b50, 56);
    end.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 64);
    end.writeUInt32LE(1, 72);
    // The classic end record, its counts saturated.
    end.writeUInt32LE(0x06054b50, 76);
    end.writeUInt16LE(MAX_U16, 84);
    end.writeUInt16LE(MAX_U16, 86);
    end.writeUInt32LE(directorySize, 88);
    end.writeUInt32LE(directoryOffset, 92);
    const out = new Uint8Array(directorySize + end.length);
    out.set(last.subarray(0, directorySize), 0);
    out.set(end, directorySize);
    return out;
  }
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
