import { describe, expect, it } from 'vitest';
import { collapseDuplicates } from '../../../models/linear/collapse-duplicates.js';

describe('collapseDuplicates', () => {
  it('merges identical texts of one prompt, keeping majority labels and a sqrt weight', () => {
    const { examples, weights } = collapseDuplicates([
      { text: 'Nothing.', prompt: 'improvement', labels: ['positive'] },
      { text: 'nothing.', prompt: 'improvement', labels: ['positive'] },
      { text: 'NOTHING.', prompt: 'improvement', labels: ['positive', 'negative'] },
      { text: 'nothing.', prompt: 'improvement', labels: ['not_assigned'] },
      { text: 'nothing.', prompt: 'positive', labels: ['negative'] },
      { text: 'repas froid', prompt: 'neutral', labels: ['meals'] },
    ]);
    expect(examples.map((e) => [e.text, e.prompt, e.labels])).toEqual([
      ['Nothing.', 'improvement', ['positive']],
      ['nothing.', 'positive', ['negative']],
      ['repas froid', 'neutral', ['meals']],
    ]);
    expect(Array.from(weights)).toEqual([2, 1, 1]);
  });

  it('falls back to the most frequent label set when no label reaches half', () => {
    const { examples } = collapseDuplicates([
      { text: 'ok', prompt: 'neutral', labels: ['a'] },
      { text: 'ok', prompt: 'neutral', labels: ['b'] },
      { text: 'ok', prompt: 'neutral', labels: ['b'] },
      { text: 'ok', prompt: 'neutral', labels: ['c'] },
      { text: 'ok', prompt: 'neutral', labels: ['d'] },
    ]);
    expect(examples[0]?.labels).toEqual(['b']);
  });
});
