import { open } from 'node:fs/promises';

/** Encodings Verbatim reads text files in, as `SourceInfo.encoding` reports them. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bytes decided on; 64 KB holds the header and hundreds of rows of a survey export. */
export const SAMPLE_BYTES = 64 * 1024;

/** Past an all-ASCII sample, how far to look for the first non-ASCII byte. @defaultValue 256 MiB */
const MAX_SCAN_BYTES = 256 * 1024 * 1024;

/** Once a non-ASCII byte is found, how many bytes from there are decoded strictly. */
const WINDOW_BYTES = 16 * 1024;

/** The encoding that was chosen and the sample it was chosen on (for delimiter detection). */
export interface EncodingSample {
  encoding: TextEncoding;
  /** The file's first bytes (up to `SAMPLE_BYTES`). */
  sample: Buffer;
  /** True when the sample is the whole file. */
  complete: boolean;
}

function fromBom(bytes: Buffer): TextEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Strict UTF-8 check. `partial` (the bytes stop mid-file) lets a multibyte sequence cut at the
 * end pass: `stream: true` keeps it pending instead of failing.
 */
function isUtf8(bytes: Uint8Array, partial: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial });
    return true;
  } catch {
    return false;
  }
}

/** Expected length of a UTF-8 sequence from its lead byte; 0 for a byte that cannot lead. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Counts well-formed multibyte UTF-8 sequences and bytes that break the encoding. */
function countUtf8(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(lead);
    if (i + length > bytes.length) break; // cut at the sample's end: no evidence
    let ok = length > 0;
    for (let k = 1; ok && k < length; k++) ok = ((bytes[i + k] ?? 0) & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/**
 * UTF-8 or Windows-1252 for bytes that contain non-ASCII: strict UTF-8 wins; failing that, a
 * file whose multibyte sequences are mostly well-formed (at least twice as many as the broken
 * bytes) is UTF-8 with a few bad rows, which `inspectCells` quarantines, rather than a CP1252 file
 * (in CP1252 French, "é" is one byte and well-formed pairs are rare accidents). Reading such a
 * file as CP1252 would turn every accent of every good row into mojibake.
 */
function chooseEncoding(bytes: Uint8Array, partial: boolean): 'utf-8' | 'windows-1252' {
  if (isUtf8(bytes, partial)) return 'utf-8';
  const { valid, invalid } = countUtf8(bytes);
  return valid >= 2 * invalid ? 'utf-8' : 'windows-1252';
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] ?? 0) >= 0x80) return i;
  return -1;
}

/**
 * Picks a text file's encoding by the rule that proved right on real exports (charset sniffers
 * fail on short French text): a BOM says it; else bytes that decode as strict UTF-8 are UTF-8;
 * else Windows-1252 (what Excel writes on French Windows), unless the bytes are mostly UTF-8
 * with a few broken rows (`chooseEncoding`). The rule runs on the first 64 KB;
 * when those are pure ASCII (no evidence either way) the file is scanned on, in chunks, to the
 * first non-ASCII byte, and a window from there decides: a CP1252 export whose first accent is on
 * row 5,000 is not misread as UTF-8. Only reads, never loads the whole file.
 */
export async function detectEncoding(path: string): Promise<EncodingSample> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    const sample = buffer.subarray(0, bytesRead);
    const complete = bytesRead < SAMPLE_BYTES;
    const bom = fromBom(sample);
    if (bom !== null) return { encoding: bom, sample, complete };
    if (firstNonAscii(sample) >= 0) {
      return { encoding: chooseEncoding(sample, !complete), sample, complete };
    }
    let position = bytesRead;
    const window = Buffer.alloc(WINDOW_BYTES);
    while (!complete && position < MAX_SCAN_BYTES) {
      const read = await handle.read(window, 0, WINDOW_BYTES, position);
      if (read.bytesRead === 0) break;
      const at = firstNonAscii(window.subarray(0, read.bytesRead));
      if (at >= 0) {
        // Start the strict window at the first non-ASCII byte: a character boundary after ASCII.
        const evidence = Buffer.alloc(WINDOW_BYTES);
        const more = await handle.read(evidence, 0, WINDOW_BYTES, position + at);
        const partial = more.bytesRead === WINDOW_BYTES;
        const encoding = chooseEncoding(evidence.subarray(0, more.bytesRead), partial);
        return { encoding, sample, complete };
      }
      position += read.bytesRead;
    }
    return { encoding: 'utf-8', sample, complete };
  } finally {
    await handle.close();
  }
}
