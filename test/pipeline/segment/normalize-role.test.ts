/** Speaker labels mapped to normalized roles (domain.md §3). */
import { describe, expect, it } from 'vitest';
import { normalizeRole } from '../../../pipeline/segment/normalize-role.js';

describe('normalizeRole', () => {
  it.each([
    ['RU', 'RU'],
    ['RU1', 'RU'],
    ['Représentante des usagers', 'RU'],
    ['P', 'Patient'],
    ['P.3', 'Patient'],
    ['PP', 'Patient'],
    ['PP 2', 'Patient'],
    ['Patient', 'Patient'],
    ['Patiente 4', 'Patient'],
    ['Patient partenaire', 'Patient'],
    ['Usager', 'Patient'],
    ['IDE', 'IDE'],
    ['IDE 3', 'IDE'],
    ['Infirmier', 'IDE'],
    ['Infirmière 2', 'IDE'],
    ['infirmiere', 'IDE'],
    ['IPA', 'IDE'],
    ['AS', 'AS'],
    ['Aide-soignant', 'AS'],
    ['Aide-soignante 1', 'AS'],
    ['Médecin', 'Médecin'],
    ['MEDECIN 2', 'Médecin'],
    ['Dr', 'Médecin'],
    ['Dr Morel', 'Médecin'],
    ['Docteur', 'Médecin'],
    ['Interne', 'Médecin'],
    ['Chirurgien', 'Médecin'],
    ['PH', 'Médecin'],
    ['CDS', 'Cadre'],
    ['CSS 1', 'Cadre'],
    ['Cadre', 'Cadre'],
    ['Cadre de santé', 'Cadre'],
    ['CGS', 'Direction des soins'],
    ['DS', 'Direction des soins'],
    ['DSI', 'Direction des soins'],
    ['Directrice des soins', 'Direction des soins'],
    ['Directeur des soins', 'Direction des soins'],
    ['DQ', 'Qualité'],
    ['RQ', 'Qualité'],
    ['IQ 1', 'Qualité'],
    ['Qualité', 'Qualité'],
    ['AA', 'Administratif'],
    ['Agent administratif', 'Administratif'],
    ['Secrétaire', 'Administratif'],
    ['Enquêteur', 'Interviewer'],
    ['Enquêtrice', 'Interviewer'],
    ['Intervieweur', 'Interviewer'],
    ['E', 'Interviewer'],
    ['Q', 'Interviewer'],
    ['I', 'Interviewer'],
    ['Chercheur', 'Interviewer'],
    ['Animatrice', 'Interviewer'],
    ['[NOM_1]', 'Other'],
    ['Marie', 'Other'],
    ['M1', 'Other'],
    ['Le médecin', 'Other'],
    ['Dr Morel m’a dit', 'Other'],
    ['', 'Other'],
  ])('maps %j to %s', (label, role) => {
    expect(normalizeRole(label)).toBe(role);
    expect(normalizeRole(label, {})).toBe(role);
  });

  it('lets overrides win, exact (case- and accent-insensitive) before prefix', () => {
    const overrides = { m1: 'Médecin', M: 'IDE', 'Medecin 2': 'Qualité', '[NOM_1]': 'RU', RU: 'Patient' } as const;
    expect(normalizeRole('M1', overrides)).toBe('Médecin');
    expect(normalizeRole('M2', overrides)).toBe('IDE');
    expect(normalizeRole('M 3', overrides)).toBe('IDE');
    expect(normalizeRole('Médecin 2', overrides)).toBe('Qualité');
    expect(normalizeRole('Médecin 3', overrides)).toBe('Médecin');
    expect(normalizeRole('[NOM_1]', overrides)).toBe('RU');
    expect(normalizeRole('RU 4', overrides)).toBe('Patient');
  });

  it('matches a prefix only up to a non-letter, and prefers the longest prefix', () => {
    expect(normalizeRole('Médecin', { M: 'IDE' })).toBe('Médecin');
    expect(normalizeRole('PA3', { P: 'RU' })).toBe('Other');
    expect(normalizeRole('PA3', { P: 'RU', PA: 'AS' })).toBe('AS');
    expect(normalizeRole('Participant 7', { participant: 'Patient' })).toBe('Patient');
  });
});
