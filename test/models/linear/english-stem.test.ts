/**
 * The English stemmer joins inflections of one word and leaves short or unrelated words alone.
 */
import { describe, expect, it } from 'vitest';
import { stemEnglish } from '../../../models/linear/english-stem.js';

describe('stemEnglish', () => {
  it('joins plural and verb inflections', () => {
    for (const group of [
      ['wait', 'waits', 'waiting', 'waited'],
      ['care', 'cares', 'caring', 'cared'],
      ['improve', 'improving', 'improved', 'improves'],
      ['stop', 'stopped', 'stopping'],
      ['query', 'queries'],
    ]) {
      expect(new Set(group.map(stemEnglish))).toEqual(new Set([group[0]]));
    }
  });

  it('keeps short words, -ss/-us words and non-letters', () => {
    for (const word of ['bed', 'red', 'sing', 'thing', 'being', 'class', 'status', 'covid19', 'n/a']) {
      expect(stemEnglish(word)).toBe(word);
    }
    expect(stemEnglish('treated')).toBe('treat');
    expect(stemEnglish('called')).toBe('call');
  });
});
