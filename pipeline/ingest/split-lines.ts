import type { Readable } from 'node:stream';

const LF = 0x0a;

/**
 * Lines of an LF-normalized UTF-8 byte stream, without their line end. Pulls chunk by chunk, so
 * the consumer's pace is the reader's pace (readline's iterator buffers ahead). Splitting bytes
 * at LF is safe in UTF-8: 0x0A never occurs inside a multibyte character.
 */
export async function* splitLines(stream: Readable): AsyncGenerator<string> {
  let carry: Buffer | null = null;
  for await (const chunk of stream) {
    let bytes = chunk as Buffer;
    let start = 0;
    for (let at = bytes.indexOf(LF); at >= 0; at = bytes.indexOf(LF, start)) {
      const piece = bytes.subarray(start, at);
      yield (carry === null ? piece : Buffer.concat([carry, piece])).toString('utf8');
      carry = null;
      start = at + 1;
    }
    bytes = bytes.subarray(start);
    if (bytes.length > 0) carry = carry === null ? Buffer.from(bytes) : Buffer.concat([carry, bytes]);
  }
  if (carry !== null && carry.length > 0) yield carry.toString('utf8');
}
