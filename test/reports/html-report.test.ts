import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunIdSchema } from '../../pipeline/record.js';
import type { Store } from '../../pipeline/store/store.js';
import { buildHtmlReport, formatCount } from '../../reports/index.js';
import { openTempStore, RUN_ID, saveRecords, startTestRun } from './fixture-store.js';
import { HOSPITAL, NEAR_DUPLICATE, SUMMARY, THEME_LABELS } from './hospital-fixture.js';

/** The `<tr>` of a table body whose row header is `name` (escaped as in the page). */
function rowOf(html: string, tableCaption: string, name: string): string {
  const table = html.slice(html.indexOf(tableCaption));
  const end = table.indexOf('</table>');
  const match = table.slice(0, end).match(new RegExp(`<tr><th scope="row">${name}</th>.*?</tr>`));
  if (!match) throw new Error(`row ${name} not found in ${tableCaption}`);
  return match[0];
}

function cells(row: string): string[] {
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1] ?? '');
}

describe('buildHtmlReport', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let html: string;
  const generatedAt = new Date('2025-03-03T10:00:00Z');

  beforeAll(async () => {
    ({ store, cleanup } = await openTempStore());
    await startTestRun(store);
    await saveRecords(store, HOSPITAL, RUN_ID, 4);
    await store.finishRun(RUN_ID, 'done', SUMMARY);
    html = await buildHtmlReport(store, RUN_ID, {
      themeLabels: THEME_LABELS,
      generatedAt,
      themeOrder: ['communication', 'fear_of_reprisal', 'legitimacy'],
    });
  });
  afterAll(async () => cleanup());

  it('is a French, self-contained page with a skip link and headings in order', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="fr">')).toBe(true);
    expect(html).toContain('<a class="skip-link" href="#contenu">');
    expect(html).toContain('<main id="contenu"');
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    for (const heading of [
      'Synthèse du traitement',
      'Vue d’ensemble par thème',
      'Thèmes relationnels : communication, peur des représailles, légitimité',
      'Par service',
      'Par type d’enquête',
      'Verbatims représentatifs',
      'Méthodologie',
    ]) {
      expect(html).toMatch(new RegExp(`<h2 id="[a-z]+">${heading}</h2>`));
    }
    expect(html).toContain('@media print');
    // Self-contained: no script, no external resource.
    expect(html).not.toMatch(/<script|<link |src="http|url\(/);
  });

  it('gives every table a caption and scoped header cells', () => {
    const tables = html.match(/<table[ >]/g)?.length ?? 0;
    // Overview, priority quadrants, action plan, services, survey types.
    expect(tables).toBe(5);
    expect(html.match(/<caption/g)).toHaveLength(tables);
    expect(html).not.toMatch(/<th(?! scope="(row|col)")[ >]/);
  });

  it('shows run counts from summary.json the French way', () => {
    expect(html).toContain('<code>run-test-1</code>');
    expect(html).toContain(`<dt>Lignes lues</dt><dd>${formatCount(1234)}</dd>`);
    expect(formatCount(1234)).toBe('1\u202f234');
    expect(html).toContain('<dt>Commentaires analysés</dt><dd>19</dd>');
    expect(html).toContain('<dt>Lignes vides</dt><dd>20</dd>');
    expect(html).toContain('<dt>Lignes en quarantaine</dt><dd>2</dd>');
    expect(html).toContain('<dt>Doublons écartés</dt><dd>12</dd>');
    expect(html).toContain('<li>esatis-2025.csv</li>');
    expect(html).not.toContain('/data/exports');
  });

  it('lists themes with labels, counts, share of comments and share negative', () => {
    const row = rowOf(
      html,
      'Nombre et part des commentaires par thème',
      'Communication<span class="tag">relationnel</span>',
    );
    const [comments, share, negative] = cells(row);
    expect(comments).toBe('14');
    expect(share).toMatch(/^73,7\u00a0%/);
    expect(negative).toBe('50\u00a0%');
    expect(html).toContain('Prise en charge de la douleur');
    // Themes listed in themeOrder come first.
    const table = html.slice(html.indexOf('Nombre et part des commentaires par thème'));
    expect(table.indexOf('>Communication<span')).toBeLessThan(table.indexOf('>Attente et délais<'));
  });

  it('highlights the three relational themes', () => {
    const section = html.slice(html.indexOf('id="relationnels"'), html.indexOf('id="services"'));
    expect(section.match(/<div class="relational">/g)).toHaveLength(3);
    expect(section).toContain('<h3>Légitimité</h3>');
    expect(section).toContain('Aucun commentaire ne relève de ce thème');
  });

  it('masks department × theme counts below the threshold and shows larger ones', () => {
    const caption = 'Nombre de commentaires par service et par thème';
    const communicationColumn = 1; // after "Commentaires analysés"
    expect(cells(rowOf(html, caption, 'Cardiologie'))[communicationColumn]).toBe('7');
    expect(cells(rowOf(html, caption, 'Urgences'))[communicationColumn]).toBe('&lt; 5');
    expect(cells(rowOf(html, caption, 'Urgences'))[0]).toBe('&lt; 5');
    expect(cells(rowOf(html, caption, 'Pédiatrie &amp; néonat'))[communicationColumn]).toBe('0');
    expect(rowOf(html, caption, 'Service non renseigné')).toBeTruthy();
    expect(html).toContain('n’est pas affiché : il apparaît sous la forme « &lt; 5 »');
  });

  it('uses the configured threshold', async () => {
    const low = await buildHtmlReport(store, RUN_ID, { themeLabels: THEME_LABELS, minCell: 3 });
    const caption = 'Nombre de commentaires par service et par thème';
    expect(cells(rowOf(low, caption, 'Urgences'))[1]).toBe('3');
    expect(cells(rowOf(low, caption, 'Pédiatrie &amp; néonat'))[0]).toBe('&lt; 3');
  });

  it('escapes text from the store', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Les repas');
  });

  it('quotes up to four distinct comments per theme with segment id, service and French valence', () => {
    const section = html.slice(html.indexOf('id="verbatims"'), html.indexOf('id="methode"'));
    const communication = section.slice(
      section.indexOf('<h3>Communication</h3>'),
      section.indexOf('<h3>', section.indexOf('<h3>Communication</h3>') + 1),
    );
    const quotes = [...communication.matchAll(/<blockquote><p>(.*?)<\/p><\/blockquote>/g)].map((m) => m[1]);
    expect(quotes).toHaveLength(4);
    expect(new Set(quotes).size).toBe(4);
    expect(quotes.filter((q) => q?.toLowerCase().startsWith('très bonne communication'))).toHaveLength(1);
    expect(communication).toContain(NEAR_DUPLICATE);
    expect(communication).toContain(
      'Segment <code>src1-2-commentaire#0</code> · Service : Cardiologie · Tonalité : négatif',
    );
    // The small service is not named next to a quote.
    expect(section).toContain('Service : masqué (moins de 5 commentaires)');
  });

  it('keeps pseudonymization placeholders', () => {
    expect(html).toContain('Le Dr [NOM_1] ne m’a rien expliqué');
    expect(html).toContain('[NOM]');
  });

  it('states versions and what "% négatif" means', () => {
    const method = html.slice(html.indexOf('id="methode"'));
    expect(method).toContain('<code>lexical-test-1</code>');
    expect(method).toContain('<code>default-v1</code>');
    expect(method).toContain('« % négatif »');
    expect(method).toContain('négative ou mitigée');
  });

  it('rejects an unknown run and a bad threshold', async () => {
    await expect(buildHtmlReport(store, RunIdSchema.parse('nope'), { themeLabels: {} })).rejects.toMatchObject({
      code: 'USAGE',
    });
    await expect(buildHtmlReport(store, RUN_ID, { themeLabels: {}, minCell: 0 })).rejects.toMatchObject({
      code: 'USAGE',
    });
  });

  it('says figures are provisional and counts quarantine from the table while the run is running', async () => {
    const runId = RunIdSchema.parse('run-unfinished');
    await startTestRun(store, runId);
    await store.saveQuarantine(runId, [
      { provenance: { file: 'a.csv', line: 3 }, code: 'COLUMN_COUNT', reason: 'expected 7 columns, found 5' },
    ]);
    const page = await buildHtmlReport(store, runId, { themeLabels: THEME_LABELS });
    expect(page).toContain('les chiffres sont provisoires');
    expect(page).toContain('<dt>Lignes lues</dt><dd>n. d.</dd>');
    expect(page).toContain('<dt>Lignes en quarantaine</dt><dd>1</dd>');
    expect(page).toContain('Aucun commentaire analysé.');
  });
});
