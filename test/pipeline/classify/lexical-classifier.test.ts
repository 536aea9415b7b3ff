import { describe, expect, it } from 'vitest';
import { loadDefaultCodebook, parseCodebook } from '../../../models/codebooks/codebook.js';
import { createLexicalClassifier } from '../../../pipeline/classify/lexical-classifier.js';
import type { PromptKind, Segment } from '../../../pipeline/record.js';

const codebook = loadDefaultCodebook();
const classifier = createLexicalClassifier(codebook);

const themesOf = (text: string, prompt: PromptKind = 'improvement') =>
  classifier
    .analyze(text, prompt)
    .themes.map((t) => t.theme)
    .sort();

function segmentOf(text: string, extra: Partial<Segment> = {}): Segment {
  return {
    recordKey: 'src-1-amelioration' as Segment['recordKey'],
    index: 0,
    text,
    start: 0,
    end: [...text].length,
    speaker: null,
    role: null,
    context: false,
    timestamp: null,
    ...extra,
  };
}

describe('createLexicalClassifier on the default codebook', () => {
  it('names its model and codebook versions', () => {
    expect(classifier.modelVersion).toBe('lexical-1.0.0');
    expect(classifier.codebookVersion).toBe('1.0.0');
  });

  it.each([
    ["Personne ne m'a expliqué les résultats de mon scanner.", ['communication']],
    ['Aucune explication sur le traitement.', ['communication']],
    ['Il y a un gros problème de communication entre usagers et professionnels.', ['communication']],
    ['On ne sait jamais qui est qui, les internes ne se présentent pas.', ['communication', 'respect_dignity']],
    ['Infirmières très à l’écoute.', ['communication']],
  ])('communication: %s', (text, expected) => {
    expect(themesOf(text)).toEqual(expected);
  });

  it.each([
    ["Je n'ai pas osé me plaindre, j'avais peur des représailles.", ['fear_of_reprisal']],
    ["Je n'ai rien dit, on ne sait jamais.", ['fear_of_reprisal']],
    ['Certains patients restent en arrière et se taisent.', ['fear_of_reprisal']],
    ["J'avais peur d'être mal vue, de passer pour une patiente difficile.", ['fear_of_reprisal']],
    ["On n'ose pas trop réclamer, on a peur que ça se ressente sur les soins.", ['fear_of_reprisal']],
  ])('fear_of_reprisal: %s', (text, expected) => {
    expect(themesOf(text)).toEqual(expected);
  });

  it('a negated fear is not fear of reprisal', () => {
    expect(themesOf("Je n'ai pas eu peur de dire ce que je pensais.")).not.toContain('fear_of_reprisal');
  });

  it.each([
    ["Au début j'avais peur de ne pas être légitime.", 'legitimacy'],
    ["On ne m'a pas crue alors que c'est moi qui connais ma maladie.", 'legitimacy'],
    ['Le médecin ne m’a pas pris au sérieux.', 'legitimacy'],
    ['En comité les représentants des usagers font la plante verte, ils servent d’alibi.', 'legitimacy'],
    ['Je suis infirmière moi-même, on m’a dit de laisser faire les professionnels.', 'legitimacy'],
  ])('legitimacy: %s', (text, expected) => {
    expect(themesOf(text)).toContain(expected);
  });

  it('a symptom not taken seriously is about pain, not the patient’s legitimacy', () => {
    expect(themesOf("Ma douleur n'a pas été prise au sérieux.")).toEqual(['pain_management']);
  });

  it('keeps a negated care-experience topic: "pas d\'attente" is about waiting, and positive', () => {
    const result = classifier.analyze("Pas d'attente, personnel adorable.", 'positive');
    expect(result.themes.map((t) => t.theme).sort()).toEqual(['respect_dignity', 'waiting_delays']);
    expect(result.valence).toBe('positive');
  });

  it('finds no theme in a text about nothing in the codebook', () => {
    expect(themesOf('Le parking est payant.')).toEqual([]);
  });

  it('gives scores in (threshold, 1] and quotes the evidence from the segment text', () => {
    const [label] = classifier.analyze("J'avais peur des Représailles. Je me suis tue.", 'improvement').themes;
    expect(label?.theme).toBe('fear_of_reprisal');
    expect(label?.score).toBeGreaterThanOrEqual(0.5);
    expect(label?.score).toBeLessThanOrEqual(1);
    expect(label?.evidence).toEqual([
      '«peur» [=peur]',
      '«Représailles» [represaille*]',
      expect.stringMatching(/^«me suis tue» \[/),
    ]);
  });

  it('quotes the negation with a negated cue', () => {
    const waiting = classifier.analyze("pas d'attente", 'positive').themes.find((t) => t.theme === 'waiting_delays');
    expect(waiting?.evidence).toEqual(["«pas d'attente» [attente*, nié]"]);
  });

  it('classify() keeps segments in order, codes them and leaves context segments uncoded', () => {
    const segments = [
      segmentOf('Les repas sont froids et sans goût.'),
      segmentOf('Avez-vous eu peur de vous plaindre ?', { index: 1, context: true, role: 'Interviewer' }),
    ];
    const out = classifier.classify(segments, { prompt: 'improvement', lang: 'fr' });
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({
      index: 0,
      valence: 'negative',
      origin: 'rule',
      modelVersion: 'lexical-1.0.0',
      codebookVersion: '1.0.0',
    });
    expect(out[0]?.themes.map((t) => t.theme)).toEqual(['meals']);
    expect(out[1]).toMatchObject({ index: 1, context: true, themes: [], valence: 'neutral', valenceScore: 0 });
  });

  it('a higher threshold keeps fewer themes', () => {
    const strict = createLexicalClassifier(codebook, { threshold: 0.95 });
    expect(strict.analyze('Pas assez de personnel, ils courent partout.', 'improvement').themes).toEqual([]);
    expect(themesOf('Pas assez de personnel, ils courent partout.')).toEqual(['resources_time']);
  });
});

describe('createLexicalClassifier on a codebook without cues', () => {
  const userCodebook = parseCodebook(
    {
      version: '0.1',
      themes: [
        {
          id: 'parking',
          label: 'Parking',
          examples: ['Le parking est trop cher.', 'Pas de place de parking le matin.'],
        },
        { id: 'food', label: 'Repas et collations', examples: ['La collation du soir.', 'Les repas froids.'] },
      ],
    },
    'user.yaml',
  );
  const userClassifier = createLexicalClassifier(userCodebook);

  it('matches on label and example words', () => {
    expect(userClassifier.modelVersion).toBe('lexical-0.1');
    expect(userClassifier.analyze('Le parking, une horreur', 'improvement').themes.map((t) => t.theme)).toEqual([
      'parking',
    ]);
    expect(userClassifier.analyze('Les collations', 'improvement').themes.map((t) => t.theme)).toEqual(['food']);
    expect(userClassifier.analyze('Rien à voir', 'improvement').themes).toEqual([]);
  });
});
