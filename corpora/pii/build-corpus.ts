/**
 * Writes `pii-corpus.jsonl` from the marked-up sources in `source/` (see `corpus-markup.ts`).
 * Run: `node --import tsx corpora/pii/build-corpus.ts`.
 */
import { writeFileSync } from 'node:fs';
import { buildCorpusLines } from './corpus-markup.js';
import { CORPUS_PATH } from './score-corpus.js';

const lines = buildCorpusLines();
writeFileSync(CORPUS_PATH, `${lines.join('\n')}\n`);
console.error(`${CORPUS_PATH}: ${lines.length} texts`);
