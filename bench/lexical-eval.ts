/**
 * Evaluates the lexical classifier on a gold file and prints per-theme P/R/F1, micro/macro F1 and
 * valence accuracy/macro-F1; optionally measures throughput.
 *
 *   node --import tsx bench/lexical-eval.ts --gold corpora/esatis/gold-tune.jsonl
 *   node --import tsx bench/lexical-eval.ts --gold corpora/esatis/gold-heldout.jsonl
 *
 * Options: `--codebook FILE`, `--threshold N`, `--stemmer light|snowball|none`, `--whole-text`
 * (skip de-identify and segment), `--errors` (list misclassified lines: use it on the TUNE set
 * only), `--throughput` (segments/s on 100-character segments), `--json`.
 *
 * Each gold line becomes a survey record (`appreciation` → positive prompt, `amelioration` →
 * improvement); it goes through `deidentify` and `segment` when those stages are present, else the
 * whole text is one segment. Record themes are the union over segments; record valence is
 * `recordValence` of the segment valences.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Codebook, loadCodebook, loadDefaultCodebook } from '../models/codebooks/codebook.js';
import { multilabelMetrics } from '../models/evaluation/multilabel-metrics.js';
import { VALENCE_LABELS, valenceMetrics } from '../models/evaluation/valence-metrics.js';
import type {
  DeidentifiedRecord,
  FrenchStemmerName,
  PromptKind,
  Segment,
  SourceRecord,
  Valence,
} from '../pipeline/index.js';
import { createLexicalClassifier, recordValence } from '../pipeline/index.js';

interface GoldLine {
  id: string;
  record_id?: string;
  field?: string;
  text: string;
  themes: string[];
  valence: Valence;
}

type Deidentify = (record: SourceRecord) => DeidentifiedRecord;
type SegmentFn = (
  record: DeidentifiedRecord,
  options: { roleOverrides: Record<string, never>; maxSegmentChars: number; interviewerCoded: boolean },
) => Segment[];

const { values } = parseArgs({
  options: {
    gold: { type: 'string', default: 'corpora/esatis/gold-tune.jsonl' },
    codebook: { type: 'string' },
    threshold: { type: 'string' },
    stemmer: { type: 'string', default: 'light' },
    'whole-text': { type: 'boolean', default: false },
    errors: { type: 'boolean', default: false },
    throughput: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const codebook: Codebook = values.codebook ? loadCodebook(values.codebook) : loadDefaultCodebook();
const classifier = createLexicalClassifier(codebook, {
  stemmer: values.stemmer as FrenchStemmerName,
  ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
});

/** The other stages may not exist yet in a given checkout: import them if they do. */
async function loadStages(): Promise<{ deidentify: Deidentify; segment: SegmentFn } | null> {
  if (values['whole-text']) return null;
  try {
    const d = (await import('../pipeline/deidentify/deidentify.js')) as { deidentify: Deidentify };
    const s = (await import('../pipeline/segment/segment.js')) as { segment: SegmentFn };
    return { deidentify: d.deidentify, segment: s.segment };
  } catch {
    return null;
  }
}

function promptOf(field: string | undefined): PromptKind {
  if (field === 'appreciation') return 'positive';
  if (field === 'amelioration') return 'improvement';
  return 'neutral';
}

function toRecord(line: GoldLine, n: number): SourceRecord {
  return {
    key: `gold-${n}` as SourceRecord['key'],
    sourceId: 'gold' as SourceRecord['sourceId'],
    source: values.gold ?? 'gold',
    kind: 'survey',
    recordId: line.record_id ?? line.id,
    field: line.field ?? 'text',
    prompt: promptOf(line.field),
    text: line.text,
    meta: { date: null, department: null, survey: null, score: null, speaker: null },
    provenance: { file: values.gold ?? 'gold', line: n + 1 },
  };
}

function wholeTextSegment(record: SourceRecord): Segment {
  return {
    recordKey: record.key,
    index: 0,
    text: record.text,
    start: 0,
    end: [...record.text].length,
    speaker: null,
    role: null,
    context: false,
    timestamp: null,
  };
}

const stages = await loadStages();
const lines: GoldLine[] = readFileSync(values.gold ?? '', 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as GoldLine);

const predictedThemes: string[][] = [];
const predictedValences: Valence[] = [];
const segmentsPerRecord: Segment[][] = [];
lines.forEach((line, n) => {
  const record = toRecord(line, n);
  const segments = stages
    ? stages.segment(stages.deidentify(record), { roleOverrides: {}, maxSegmentChars: 600, interviewerCoded: false })
    : [wholeTextSegment(record)];
  segmentsPerRecord.push(segments);
  const classified = classifier.classify(segments, { prompt: record.prompt, lang: 'fr' });
  predictedThemes.push([...new Set(classified.flatMap((s) => s.themes.map((t) => t.theme as string)))]);
  predictedValences.push(recordValence(classified.map((s) => s.valence)));
});

const themeIds = codebook.themes.map((t) => t.id as string);
const themes = multilabelMetrics(
  lines.map((l) => l.themes),
  predictedThemes,
  themeIds,
);
const valence = valenceMetrics(
  lines.map((l) => l.valence),
  predictedValences,
);

let throughput: number | undefined;
if (values.throughput) throughput = measureThroughput();

if (values.json) {
  console.log(JSON.stringify({ gold: values.gold, pipeline: stages !== null, themes, valence, throughput }, null, 2));
} else {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
  console.log(`gold: ${values.gold} — ${lines.length} texts, ${segmentsPerRecord.flat().length} segments`);
  console.log(
    `pipeline: ${stages ? 'deidentify + segment' : 'whole text as one segment'}; model ${classifier.modelVersion}`,
  );
  console.log('theme                    support  pred     P      R     F1');
  for (const s of themes.perTheme) {
    console.log(
      `${s.theme.padEnd(24)} ${String(s.support).padStart(6)} ${String(s.predicted).padStart(5)}  ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}`,
    );
  }
  const m = themes.micro;
  console.log(
    `micro                    ${String(m.tp + m.fn).padStart(6)} ${String(m.tp + m.fp).padStart(5)}  ${pct(m.precision)}  ${pct(m.recall)}  ${pct(m.f1)}`,
  );
  console.log(`macro F1 (${themes.macroThemes} themes) ${pct(themes.macroF1)}   exact match ${pct(themes.exactMatch)}`);
  console.log(`valence accuracy ${pct(valence.accuracy)}   macro F1 ${pct(valence.macroF1)}`);
  console.log(`confusion (rows gold, cols predicted: ${VALENCE_LABELS.join(' ')})`);
  for (const g of VALENCE_LABELS)
    console.log(`  ${g.padEnd(9)} ${VALENCE_LABELS.map((p) => String(valence.confusion[g][p]).padStart(5)).join('')}`);
  if (throughput !== undefined)
    console.log(
      `throughput: ${Math.round(throughput).toLocaleString('en')} segments/s (classify + valence, 100-char segments)`,
    );
}

if (values.errors) {
  lines.forEach((line, n) => {
    const gold = new Set(line.themes);
    const pred = new Set(predictedThemes[n]);
    const missed = [...gold].filter((t) => !pred.has(t));
    const extra = [...pred].filter((t) => !gold.has(t));
    const valenceWrong = line.valence !== predictedValences[n];
    if (missed.length === 0 && extra.length === 0 && !valenceWrong) return;
    const v = valenceWrong ? ` valence ${line.valence}→${predictedValences[n]}` : '';
    console.log(
      `${line.id} ${line.field ?? ''}: -[${missed.join(',')}] +[${extra.join(',')}]${v} | ${line.text.replace(/\n/g, ' / ')}`,
    );
  });
}

/** Classifies 100-character slices of the gold texts repeatedly for about two seconds. */
function measureThroughput(): number {
  const pool = lines.map((l) => l.text.replace(/\s+/g, ' ')).join(' ');
  const segments: Segment[] = [];
  for (let i = 0; i + 100 <= pool.length && segments.length < 2000; i += 97) {
    segments.push({
      ...wholeTextSegment(toRecord({ ...lines[0], text: pool.slice(i, i + 100) } as GoldLine, i)),
      index: segments.length,
    });
  }
  classifier.classify(segments, { prompt: 'improvement', lang: 'fr' }); // warm-up
  let done = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 2) {
    classifier.classify(segments, { prompt: 'improvement', lang: 'fr' });
    done += segments.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return done / elapsed;
}
