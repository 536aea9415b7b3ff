import { describe, expect, it } from 'vitest';
import { EntityIndex } from '../../../pipeline/deidentify/entity-index.js';

describe('EntityIndex', () => {
  it('numbers each type on its own', () => {
    const index = new EntityIndex();
    expect(index.indexOf({ start: 0, end: 1, type: 'TEL', key: '0612' }, '')).toBe(1);
    expect(index.indexOf({ start: 0, end: 1, type: 'ID', key: '99' }, '')).toBe(1);
    expect(index.indexOf({ start: 0, end: 1, type: 'TEL', key: '0478' }, '')).toBe(2);
    expect(index.indexOf({ start: 0, end: 1, type: 'TEL', key: '0612' }, '')).toBe(1);
  });

  it('matches people on subsets of their words, ignoring particles', () => {
    const index = new EntityIndex();
    const person = (key: string): number => index.indexOf({ start: 0, end: 1, type: 'NOM', key }, key);
    expect(person('julie')).toBe(1);
    expect(person('julie martin')).toBe(1);
    expect(person('martin')).toBe(1);
    expect(person('de villiers')).toBe(2);
    expect(person('villiers')).toBe(2);
    expect(person('kevin')).toBe(3);
  });

  it('falls back to the folded value when a span has no key', () => {
    const index = new EntityIndex();
    expect(index.indexOf({ start: 0, end: 1, type: 'EMAIL' }, 'A@B.FR')).toBe(1);
    expect(index.indexOf({ start: 0, end: 1, type: 'EMAIL' }, 'a@b.fr')).toBe(1);
  });
});
