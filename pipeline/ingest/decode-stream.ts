import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import type { TextEncoding } from './detect-encoding.js';

const CR = 0x0d;
const LF = 0x0a;

/** Line-end state carried across chunks: a CR at a chunk's end may pair with the next LF. */
interface LineEndState {
  pendingCr: boolean;
}

/** CRLF and lone CR → LF on UTF-8 bytes, without copying chunks that hold no CR. */
function normalizeBytes(chunk: Buffer, state: LineEndState): Buffer {
  if (chunk.length === 0) return chunk;
  let start = 0;
  if (state.pendingCr) {
    state.pendingCr = false;
    if (chunk[0] === LF) start = 1;
  }
  let cr = chunk.indexOf(CR, start);
  if (cr < 0) return start === 0 ? chunk : chunk.subarray(start);
  const out = Buffer.allocUnsafe(chunk.length - start);
  let written = 0;
  let from = start;
  while (cr >= 0) {
    written += chunk.copy(out, written, from, cr);
    out[written++] = LF;
    if (cr + 1 < chunk.length) {
      from = chunk[cr + 1] === LF ? cr + 2 : cr + 1;
    } else {
      state.pendingCr = true;
      from = cr + 1;
    }
    cr = from < chunk.length ? chunk.indexOf(CR, from) : -1;
  }
  written += chunk.copy(out, written, from);
  return out.subarray(0, written);
}

/** The same on decoded text. */
function normalizeText(text: string, state: LineEndState): string {
  if (text === '') return text;
  let body = text;
  if (state.pendingCr) {
    state.pendingCr = false;
    if (body.startsWith('\n')) body = body.slice(1);
  }
  if (body.endsWith('\r')) state.pendingCr = true;
  return body.replace(/\r\n?/g, '\n');
}

/**
 * Bytes in `encoding` → UTF-8 bytes with LF line ends and no BOM, as a stream (150 MB inputs).
 * Line ends are normalized here, once, because csv-parse counts a CRLF inside a quoted cell as
 * two lines, and the canonical transcript text uses LF. UTF-8 input is passed through as bytes:
 * invalid sequences become U+FFFD when cells are decoded, which `inspectCells` then quarantines.
 */
export function createDecodeStream(encoding: TextEncoding): Transform {
  const state: LineEndState = { pendingCr: false };
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
    let atStart = true;
    return new Transform({
      transform(chunk: Buffer, _encoding, callback: TransformCallback) {
        let bytes = chunk;
        if (atStart && bytes.length > 0) {
          // A BOM is 3 bytes; reads are at least 64 KB, so it never straddles two chunks.
          if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
          atStart = false;
        }
        callback(null, normalizeBytes(bytes, state));
      },
    });
  }
  const decoder = iconv.getDecoder(encoding === 'windows-1252' ? 'windows-1252' : encoding);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      callback(null, Buffer.from(normalizeText(decoder.write(chunk), state), 'utf8'));
    },
    flush(callback: TransformCallback) {
      const rest = decoder.end() ?? '';
      callback(null, Buffer.from(normalizeText(rest, state), 'utf8'));
    },
  });
}

/** Decodes a whole small buffer (a sample, a transcript, a sidecar) the same way. */
export function decodeBuffer(bytes: Buffer, encoding: TextEncoding): string {
  const text =
    encoding === 'utf-8' || encoding === 'utf-8-bom'
      ? bytes.toString('utf8').replace(/^\uFEFF/, '')
      : iconv.decode(bytes, encoding === 'windows-1252' ? 'windows-1252' : encoding);
  return text.replace(/\r\n?/g, '\n');
}
