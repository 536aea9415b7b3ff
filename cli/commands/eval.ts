/**
 * `verbatim eval --gold FILE.jsonl`: classifies hand-coded lines and scores the result against
 * their themes and valence (per-theme P/R/F1, micro and macro F1, valence accuracy, macro-F1 and
 * confusion). Each line goes through the same de-identify → analyse path as `classify`.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { type MultilabelReport, multilabelMetrics } from '../../models/evaluation/multilabel-metrics.js';
import { VALENCE_LABELS, type ValenceReport, valenceMetrics } from '../../models/evaluation/valence-metrics.js';
import { DEFAULT_MODEL } from '../../models/registry.js';
import { VerbatimError } from '../../pipeline/errors.js';
import { describeIssues, textFieldFor } from '../../pipeline/ingest/ingest.js';
import {
  type RecordKey,
  RecordMetaSchema,
  type SourceId,
  type SourceRecord,
  type Valence,
  ValenceSchema,
} from '../../pipeline/record.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { addModelOptions } from '../model-options.js';
import { buildAnalyseContext, classifyRecord } from './classify.js';
import { parseOptions } from './run.js';

export const EvalOptionsSchema = z.object({
  /** Gold JSONL file. */
  gold: z.string().min(1),
  /** @defaultValue `lexical` */
  model: z.string().default(DEFAULT_MODEL),
  codebook: z.string().optional(),
  /** @defaultValue `fr` */
  lang: z.enum(['fr', 'en']).default('fr'),
  json: z.boolean().default(false),
});
export type EvalOptions = z.infer<typeof EvalOptionsSchema>;

/** One gold line; other keys (`record_id`, `split`...) are ignored. */
export const GoldLineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  themes: z.array(z.string().min(1)),
  valence: ValenceSchema,
  /** `appreciation`, `amelioration`, or the prompt's wording; absent: a neutral comment box. */
  field: z.string().nullish(),
});
export type GoldLine = z.infer<typeof GoldLineSchema> & { line: number };

/** Reads and validates every line; the first bad one stops with one line naming it (exit 2). */
export async function readGold(file: string): Promise<GoldLine[]> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    const code = (error as { code?: string }).code === 'ENOENT' ? 'INPUT_MISSING' : 'INPUT_UNREADABLE';
    throw new VerbatimError(code, `${file}: gold file cannot be read`, { file }, { cause: error });
  });
  const bad = (line: number, reason: string) =>
    new VerbatimError('INPUT_UNREADABLE', `${file}: line ${line}: ${reason}`, { file, line, reason });
  const lines: GoldLine[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        // JSON.parse's message quotes the line, which is patient text.
        throw bad(i + 1, 'not valid JSON');
      }
      const parsed = GoldLineSchema.safeParse(value);
      if (!parsed.success) throw bad(i + 1, describeIssues(parsed.error));
      lines.push({ ...parsed.data, line: i + 1 });
    });
  if (lines.length === 0) throw new VerbatimError('INPUT_UNREADABLE', `${file}: no gold lines`, { file });
  return lines;
}

/** The raw record a gold line stands for, as ingest would build it from a JSONL line. */
function goldRecord(gold: GoldLine, file: string): SourceRecord {
  const { field, prompt } = gold.field
    ? textFieldFor(gold.field, 'text')
    : { field: 'text', prompt: 'neutral' as const };
  return {
    key: `gold-${String(gold.line).padStart(9, '0')}` as RecordKey,
    sourceId: 'gold' as SourceId,
    source: basename(file),
    kind: 'survey',
    recordId: gold.id,
    field,
    prompt,
    text: gold.text,
    meta: RecordMetaSchema.parse({}),
    provenance: { file, line: gold.line, column: 'text' },
  };
}

/** What `eval` reports, also its `--json` output. */
export interface EvalReport {
  gold: string;
  model: string;
  codebook: string;
  themes: MultilabelReport;
  valence: ValenceReport;
  /** Gold themes the codebook does not define: they can only be missed. */
  unknownThemes: string[];
}

export async function evalCommand(raw: unknown): Promise<{ options: EvalOptions; report: EvalReport }> {
  const options = parseOptions(EvalOptionsSchema, raw);
  const gold = await readGold(options.gold);
  const { codebook, context } = buildAnalyseContext(options);
  const predicted = gold.map((line) => classifyRecord(goldRecord(line, options.gold), context));
  const themeIds: string[] = codebook.themes.map((t) => t.id);
  const known = new Set(themeIds);
  const unknownThemes = [...new Set(gold.flatMap((line) => line.themes))].filter((t) => !known.has(t)).sort();
  return {
    options,
    report: {
      gold: options.gold,
      model: context.classifier.modelVersion,
      codebook: context.classifier.codebookVersion,
      themes: multilabelMetrics(
        gold.map((line) => line.themes),
        predicted.map((p) => p.themes),
        themeIds,
      ),
      valence: valenceMetrics(
        gold.map((line) => line.valence),
        predicted.map((p) => p.valence),
      ),
      unknownThemes,
    },
  };
}

const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** The `--json` shape: snake_case like `summary.json`, ratios to 4 decimals. */
export function reportJson(report: EvalReport): unknown {
  const { themes, valence } = report;
  return {
    gold: report.gold,
    items: themes.items,
    model: report.model,
    codebook: report.codebook,
    themes: themes.perTheme.map((s) => ({
      theme: s.theme,
      precision: r4(s.precision),
      recall: r4(s.recall),
      f1: r4(s.f1),
      support: s.support,
      predicted: s.predicted,
    })),
    micro: { precision: r4(themes.micro.precision), recall: r4(themes.micro.recall), f1: r4(themes.micro.f1) },
    micro_f1: r4(themes.micro.f1),
    macro_f1: r4(themes.macroF1),
    macro_themes: themes.macroThemes,
    exact_match: r4(themes.exactMatch),
    unknown_themes: report.unknownThemes,
    valence: {
      accuracy: r4(valence.accuracy),
      macro_f1: r4(valence.macroF1),
      labels: valence.perLabel.map((s) => ({ ...s, precision: r4(s.precision), recall: r4(s.recall), f1: r4(s.f1) })),
      confusion: valence.confusion,
    },
  };
}

const f3 = (x: number): string => x.toFixed(3);

/** The human table: fixed-width columns, one row per theme. */
export function formatReport(report: EvalReport): string {
  const { themes, valence } = report;
  const width = Math.max(12, ...themes.perTheme.map((s) => s.theme.length));
  const row = (name: string, cells: readonly string[]) =>
    `${name.padEnd(width)}  ${cells.map((cell) => cell.padStart(10)).join('')}`;
  const out = [
    `${report.gold}: ${themes.items} lignes — modèle ${report.model}, codebook ${report.codebook}`,
    '',
    row('theme', ['precision', 'recall', 'f1', 'support', 'predicted']),
    ...themes.perTheme.map((s) =>
      row(s.theme, [f3(s.precision), f3(s.recall), f3(s.f1), String(s.support), String(s.predicted)]),
    ),
    row('micro', [f3(themes.micro.precision), f3(themes.micro.recall), f3(themes.micro.f1), '', '']),
    '',
    `micro-F1 ${f3(themes.micro.f1)} · macro-F1 ${f3(themes.macroF1)} (${themes.macroThemes} themes) · exact match ${f3(themes.exactMatch)}`,
  ];
  if (report.unknownThemes.length > 0) out.push(`gold themes not in the codebook: ${report.unknownThemes.join(', ')}`);
  out.push('', `valence: accuracy ${f3(valence.accuracy)} · macro-F1 ${f3(valence.macroF1)}`, '');
  const labelWidth = Math.max(...VALENCE_LABELS.map((l) => l.length), 'gold \\ predicted'.length);
  const confusionRow = (name: string, cells: readonly string[]) =>
    `${name.padEnd(labelWidth)}  ${cells.map((cell) => cell.padStart(10)).join('')}`;
  out.push(confusionRow('gold \\ predicted', [...VALENCE_LABELS, 'f1']));
  for (const g of VALENCE_LABELS) {
    const f1 = valence.perLabel.find((s) => s.label === g)?.f1 ?? 0;
    out.push(confusionRow(g, [...VALENCE_LABELS.map((p: Valence) => String(valence.confusion[g][p])), f3(f1)]));
  }
  return `${out.join('\n')}\n`;
}

export function registerEval(program: Command, exit: (code: ExitCode) => void): void {
  addModelOptions(program.command('eval'))
    .description('score the classifier against a gold JSONL file ({"id","text","themes","valence","field"?})')
    .requiredOption('--gold <file>', 'gold JSONL file')
    .option('--json', 'print the metrics as JSON')
    .action(async (raw: unknown) => {
      const { options, report } = await evalCommand(raw);
      process.stdout.write(options.json ? `${JSON.stringify(reportJson(report))}\n` : formatReport(report));
      exit(EXIT.OK);
    });
}
