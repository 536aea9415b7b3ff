/** Delimiters seen in survey exports, in order of preference when the evidence ties. */
export const DELIMITERS = [';', '\t', ','] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Records of the sample looked at; the header plus enough rows to see consistency. */
const RECORDS_EXAMINED = 20;

/** The delimiter, and whether an Excel `sep=;` hint line precedes the header. */
export interface DelimiterChoice {
  delimiter: Delimiter;
  /** Physical lines before the header (1 for a `sep=` line, else 0). */
  skipLines: number;
}

/** Splits the sample into records, counting each candidate outside quotes, per record. */
function countPerRecord(text: string, complete: boolean): Map<Delimiter, number>[] {
  const records: Map<Delimiter, number>[] = [];
  let counts = new Map<Delimiter, number>();
  let quoted = false;
  for (let i = 0; i < text.length && records.length < RECORDS_EXAMINED; i++) {
    const char = text[i];
    if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === '\n') {
      records.push(counts);
      counts = new Map();
    } else if (!quoted && (char === ';' || char === '\t' || char === ',')) {
      counts.set(char, (counts.get(char) ?? 0) + 1);
    }
  }
  // A last record without its line end is whole only if the sample is the whole file.
  if (complete && counts.size > 0 && records.length < RECORDS_EXAMINED) records.push(counts);
  return records;
}

/**
 * Chooses among `;`, tab and `,` on the first records of a decoded sample (LF line ends): the
 * candidate found in the header whose count is repeated by the most rows wins, then the one with
 * most fields, then `;` before tab before `,` (French exports use `;` because `,` is the decimal
 * mark). A file with none of them is one column, read with `;`.
 */
export function detectDelimiter(sample: string, complete: boolean): DelimiterChoice {
  const hint = /^sep=(.)[ \t]*(?:\n|$)/i.exec(sample);
  if (hint !== null) {
    const declared = DELIMITERS.find((candidate) => candidate === hint[1]);
    if (declared !== undefined) return { delimiter: declared, skipLines: 1 };
  }
  const records = countPerRecord(sample, complete);
  const [header, ...rows] = records;
  let best: { delimiter: Delimiter; consistent: number; fields: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const fields = header?.get(delimiter) ?? 0;
    if (fields === 0) continue;
    const consistent = rows.filter((row) => (row.get(delimiter) ?? 0) === fields).length;
    if (best === null || consistent > best.consistent || (consistent === best.consistent && fields > best.fields)) {
      best = { delimiter, consistent, fields };
    }
  }
  return { delimiter: best?.delimiter ?? ';', skipLines: 0 };
}
