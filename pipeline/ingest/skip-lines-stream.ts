import { Transform, type TransformCallback } from 'node:stream';

const LF = 0x0a;

/**
 * Drops the first `lines` physical lines of an LF-normalized byte stream, then emits `prefix`
 * before the rest. Used to start parsing after an Excel `sep=` line, or to resume a CSV after a
 * row whose quote never closed (with a synthetic header as prefix, so csv-parse expects the
 * right number of columns).
 */
export function createSkipLinesStream(lines: number, prefix: string): Transform {
  let remaining = lines;
  let prefixSent = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      let rest = chunk;
      while (remaining > 0 && rest.length > 0) {
        const at = rest.indexOf(LF);
        if (at < 0) {
          rest = rest.subarray(rest.length);
        } else {
          rest = rest.subarray(at + 1);
          remaining--;
        }
      }
      if (remaining > 0 || rest.length === 0) return callback();
      if (!prefixSent) {
        prefixSent = true;
        return callback(null, Buffer.concat([Buffer.from(prefix, 'utf8'), rest]));
      }
      callback(null, rest);
    },
  });
}
