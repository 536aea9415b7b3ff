import { describe, expect, it } from 'vitest';
import { elide } from '../../reports/html-quotes.js';
import {
  displayCount,
  escapeHtml,
  formatCount,
  formatPercent,
  isSuppressed,
  neutralizeFormula,
  valenceLabel,
} from '../../reports/index.js';
import { pickQuotes } from '../../reports/pick-quotes.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml('Très bien [NOM_1]')).toBe('Très bien [NOM_1]');
  });
});

describe('French formatting', () => {
  it('formats counts, percentages and valences', () => {
    expect(formatCount(1234567)).toBe('1\u202f234\u202f567');
    expect(formatPercent(0.125)).toBe('12,5\u00a0%');
    expect(formatPercent(1 / 3)).toBe('33,3\u00a0%');
    expect(valenceLabel('mixed')).toBe('mitigé');
    expect(valenceLabel('negative')).toBe('négatif');
  });
});

describe('small-cell suppression', () => {
  it('masks 1 to minCell − 1 and shows 0 and larger counts', () => {
    expect([0, 1, 4, 5].map((n) => isSuppressed(n, 5))).toEqual([false, true, true, false]);
    expect(displayCount(3, 5)).toBe('< 5');
    expect(displayCount(0, 5)).toBe('0');
    expect(displayCount(7, 5)).toBe('7');
    expect(displayCount(2, 10)).toBe('< 10');
    expect(displayCount(1, 1)).toBe('1');
  });
});

describe('neutralizeFormula', () => {
  it('prefixes cells a spreadsheet would evaluate', () => {
    for (const v of ['=1+1', '+33', '-2', '@A1', '\tx', '\rx']) expect(neutralizeFormula(v)).toBe(`'${v}`);
    for (const v of ['Très bien', '', ' =1', '{"a":1}']) expect(neutralizeFormula(v)).toBe(v);
  });
});

describe('pickQuotes', () => {
  const c = (record_key: string, text: string) => ({ record_key, segment_index: 0, text });
  it('keeps one quote per comment and skips near-duplicates, in candidate order', () => {
    const picked = pickQuotes(
      [
        c('r1', 'Très bonne communication avec l’équipe, merci !'),
        c('r1', 'Un autre segment du même commentaire, sur tout autre chose.'),
        c('r2', 'TRES BONNE COMMUNICATION AVEC L’EQUIPE. MERCI'),
        c('r3', 'Le médecin ne m’a rien expliqué sur le traitement.'),
        c('r4', 'Chambre bruyante toute la nuit, impossible de dormir.'),
        c('r5', 'Repas froids.'),
      ],
      3,
    );
    expect(picked.map((p) => p.record_key)).toEqual(['r1', 'r3', 'r4']);
  });
});

describe('elide', () => {
  it('cuts long quotes at a word boundary with a French elision mark', () => {
    const long = `${'mot '.repeat(100)}fin`;
    const cut = elide(long, 50);
    expect(cut.endsWith(' […]')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(54);
    expect(elide('court', 50)).toBe('court');
  });
});
