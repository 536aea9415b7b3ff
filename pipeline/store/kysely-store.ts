/**
 * `Store` implemented once with Kysely; the dialect (SQLite or PostgreSQL) is injected.
 */
import { type Kysely, Migrator } from 'kysely';
import type { Quarantined, RunId, SourceInfo } from '../record.js';
import { getEmbeddingRows, putEmbeddingRows } from './embedding-rows.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Database, LabelsTable, RecordsTable, SegmentsTable } from './schema.js';
import type { AuditEntry, CachedEmbedding, RunInfo, Store, StoredChunk } from './store.js';
import { upsertRows } from './upsert-rows.js';
import { ValidationRepo } from './validation-store.js';
import type { ValidationStore } from './validation-types.js';

/** Audit ids sort by time: ISO timestamp plus a random tail against collisions. */
function newAuditId(now: Date): string {
  return `${now.toISOString()}-${Math.random().toString(36).slice(2, 10)}`;
}

export class KyselyStore implements Store {
  readonly db: Kysely<Database>;
  readonly dialect: 'sqlite' | 'postgres';
  readonly #clock: () => Date;
  readonly #migrationSchema: string | undefined;
  readonly validation: ValidationStore;

  /**
   * `migrationSchema` (PostgreSQL): the schema holding Kysely's migration tables. Without it the
   * migrator finds them in ANY schema of the database (its introspection is not scoped), skips
   * creating them in ours, then fails with "relation kysely_migration_lock does not exist".
   */
  constructor(
    db: Kysely<Database>,
    dialect: 'sqlite' | 'postgres',
    clock: () => Date = () => new Date(),
    migrationSchema?: string,
  ) {
    this.db = db;
    this.dialect = dialect;
    this.#clock = clock;
    this.#migrationSchema = migrationSchema;
    this.validation = new ValidationRepo(db, clock);
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: { getMigrations: async () => MIGRATIONS },
      ...(this.#migrationSchema ? { migrationTableSchema: this.#migrationSchema } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async startRun(run: RunInfo): Promise<void> {
    const now = this.#clock().toISOString();
    await upsertRows(
      this.db,
      'runs',
      ['run_id'],
      [
        {
          run_id: run.runId,
          created_at: now,
          finished_at: null,
          status: 'running',
          model_version: run.modelVersion,
          codebook_version: run.codebookVersion,
          options_json: JSON.stringify(run.options),
          summary_json: null,
        },
      ],
    );
  }

  async saveSource(runId: RunId, source: SourceInfo): Promise<void> {
    await upsertRows(
      this.db,
      'sources',
      ['run_id', 'source_id'],
      [
        {
          run_id: runId,
          source_id: source.sourceId,
          path: source.path,
          format: source.format,
          encoding: source.encoding,
          delimiter: source.delimiter,
          sha256: source.sha256,
        },
      ],
    );
  }

  async saveChunk(runId: RunId, chunk: StoredChunk): Promise<void> {
    const createdAt = this.#clock().toISOString();
    const records: RecordsTable[] = chunk.records.map(({ record, valence, hasTheme }) => ({
      run_id: runId,
      record_key: record.key,
      source_id: record.sourceId,
      source: record.source,
      record_id: record.recordId,
      field: record.field,
      prompt: record.prompt,
      kind: record.kind,
      date: record.meta.date,
      department: record.meta.department,
      survey: record.meta.survey,
      score: record.meta.score,
      speaker: record.meta.speaker,
      file: record.provenance.file,
      line: record.provenance.line,
      row_num: record.provenance.row ?? null,
      column_name: record.provenance.column ?? null,
      text: record.text,
      pii_json: JSON.stringify(record.pii),
      valence,
      has_theme: hasTheme ? 1 : 0,
    }));
    const segments: SegmentsTable[] = [];
    const labels: LabelsTable[] = [];
    for (const s of chunk.segments) {
      segments.push({
        run_id: runId,
        record_key: s.recordKey,
        segment_index: s.index,
        text: s.text,
        start_cp: s.start,
        end_cp: s.end,
        speaker: s.speaker,
        role: s.role,
        context: s.context ? 1 : 0,
        timestamp: s.timestamp,
        valence: s.valence,
        valence_score: s.valenceScore,
        themes: s.themes.map((t) => t.theme).join(';'),
        scores_json: JSON.stringify(Object.fromEntries(s.themes.map((t) => [t.theme, round3(t.score)]))),
        model_version: s.modelVersion,
        codebook_version: s.codebookVersion,
      });
      for (const t of s.themes) {
        labels.push({
          run_id: runId,
          record_key: s.recordKey,
          segment_index: s.index,
          theme: t.theme,
          origin: s.origin,
          score: t.score,
          evidence_json: JSON.stringify(t.evidence),
          model_version: s.modelVersion,
          codebook_version: s.codebookVersion,
          created_at: createdAt,
          validator: '',
        });
      }
    }
    const keys = records.map((r) => r.record_key);
    await this.db.transaction().execute(async (trx) => {
      await upsertRows(trx, 'records', ['run_id', 'record_key'], records, this.dialect);
      if (keys.length > 0) {
        // A re-run replaces machine labels and segments (a segmenter change may yield fewer);
        // human labels stay whatever happens.
        await trx.deleteFrom('segments').where('run_id', '=', runId).where('record_key', 'in', keys).execute();
        await trx
          .deleteFrom('labels')
          .where('run_id', '=', runId)
          .where('record_key', 'in', keys)
          .where('origin', '!=', 'human')
          .execute();
      }
      await upsertRows(trx, 'segments', ['run_id', 'record_key', 'segment_index'], segments, this.dialect);
      await upsertRows(
        trx,
        'labels',
        ['run_id', 'record_key', 'segment_index', 'theme', 'origin', 'validator'],
        labels,
        this.dialect,
      );
    });
  }

  async saveQuarantine(runId: RunId, items: readonly Quarantined[]): Promise<void> {
    await upsertRows(
      this.db,
      'quarantine',
      ['run_id', 'file', 'line'],
      items.map((q) => ({
        run_id: runId,
        file: q.provenance.file,
        line: q.provenance.line,
        row_num: q.provenance.row ?? null,
        column_name: q.provenance.column ?? null,
        code: q.code,
        reason: q.reason,
      })),
    );
  }

  async finishRun(runId: RunId, status: 'done' | 'failed', summary: Record<string, unknown>): Promise<void> {
    await this.db
      .updateTable('runs')
      .set({ status, finished_at: this.#clock().toISOString(), summary_json: JSON.stringify(summary) })
      .where('run_id', '=', runId)
      .execute();
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    const now = this.#clock();
    await this.db
      .insertInto('audit')
      .values({
        audit_id: newAuditId(now),
        at: now.toISOString(),
        actor: entry.actor,
        action: entry.action,
        run_id: entry.runId,
        details_json: JSON.stringify(entry.details),
      })
      .execute();
  }

  getEmbeddings(modelId: string, hashes: readonly string[]): Promise<Map<string, Float32Array>> {
    return getEmbeddingRows(this.db, modelId, hashes);
  }

  putEmbeddings(modelId: string, entries: readonly CachedEmbedding[]): Promise<void> {
    return putEmbeddingRows(this.db, modelId, entries, this.#clock().toISOString());
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
