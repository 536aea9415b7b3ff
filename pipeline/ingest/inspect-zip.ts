import yauzl from 'yauzl';
import { inputUnreadable, VerbatimError } from '../errors.js';

/** Zip-bomb guards, checked on the central directory before any entry is inflated. */
export interface ZipLimits {
  /** Largest total uncompressed size of all entries, in bytes. @defaultValue 1 GiB */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio of one entry. @defaultValue 200 */
  maxRatio: number;
  /**
   * Entries smaller than this (uncompressed) are not ratio-checked: tiny XML parts of a normal
   * workbook compress 200-fold without being dangerous. @defaultValue 1 MiB
   */
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxUncompressedBytes: 1024 ** 3,
  maxRatio: 200,
  ratioFloorBytes: 1024 ** 2,
});

/** Entry names and sizes, as the central directory declares them. */
interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

function listEntries(file: string): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const entries: ZipEntry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push({ name: entry.fileName, compressed: entry.compressedSize, uncompressed: entry.uncompressedSize });
        zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/**
 * Checks an XLSX/DOCX container before exceljs or mammoth inflate it: a readable zip holding
 * `requiredEntries`, with declared sizes within `limits` (a few KB can declare gigabytes). Throws
 * `INPUT_UNREADABLE` (not a zip, missing part) or `INPUT_TOO_LARGE`. Sizes are the directory's
 * claims; yauzl itself would reject an entry that inflates beyond its claim, but the libraries
 * that read the parts afterwards use their own unzip, so the claims are what we can check.
 */
export async function inspectZip(
  file: string,
  kind: string,
  requiredEntries: readonly string[],
  limits: ZipLimits,
): Promise<void> {
  let entries: ZipEntry[];
  try {
    entries = await listEntries(file);
  } catch (error) {
    throw inputUnreadable(file, `not a valid ${kind} file (not a zip archive)`, error);
  }
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressed;
    const ratio = entry.compressed === 0 ? Number.POSITIVE_INFINITY : entry.uncompressed / entry.compressed;
    if (entry.uncompressed >= limits.ratioFloorBytes && ratio > limits.maxRatio) {
      throw new VerbatimError(
        'INPUT_TOO_LARGE',
        `${file}: an entry expands ${Number.isFinite(ratio) ? Math.round(ratio) : 'without bound'}-fold (limit ${limits.maxRatio}); refusing a possible zip bomb`,
        { file, reason: 'compression ratio' },
      );
    }
  }
  if (total > limits.maxUncompressedBytes) {
    throw new VerbatimError(
      'INPUT_TOO_LARGE',
      `${file}: expands to ${total} bytes (limit ${limits.maxUncompressedBytes}); refusing a possible zip bomb`,
      { file, reason: 'uncompressed size' },
    );
  }
  const names = new Set(entries.map((entry) => entry.name));
  const missing = requiredEntries.filter((name) => !names.has(name));
  if (missing.length > 0) throw inputUnreadable(file, `not a valid ${kind} file (missing ${missing.join(', ')})`);
}
