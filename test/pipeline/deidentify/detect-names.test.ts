import { describe, expect, it } from 'vitest';
import { detectNames } from '../../../pipeline/deidentify/detect-names.js';

const found = (text: string): string[] => detectNames(text).map((span) => text.slice(span.start, span.end));

describe('detectNames', () => {
  describe('after a title, the title left out', () => {
    it.each([
      ['le Dr Martin a pris le temps', ['Martin']],
      ['Dr. Faure, chirurgien', ['Faure']],
      ['Le docteur Lefèvre est passé', ['Lefèvre']],
      ['Professeur Jean-Luc Garnier, merci', ['Jean-Luc Garnier']],
      ['M. Da Silva de l’accueil', ['Da Silva']],
      ['Mme Le Gall nous a reçus', ['Le Gall']],
      ['Mme de Villiers a rempli', ['de Villiers']],
      ['Monsieur DURAND le cadre', ['DURAND']],
      ['LE DR LAMBERT N A PAS DAIGNE', ['LAMBERT']],
      ['Mlle Garcia à la réception', ['Garcia']],
      ['Me Fontaine, mon avocat', ['Fontaine']],
      ['Mme Rose de l’accueil', ['Rose']],
      ['le médecin de garde, Dr N’Guyen, est passé', ['N’Guyen']],
      ['madame dupont est gentille', ['dupont']],
      ['Les soins de Mme Boulanger étaient parfaits', ['Boulanger']],
    ])('%j → %j', (text, names) => {
      expect(found(text)).toEqual(names);
    });

    it.each([
      ['Madame la directrice n’a jamais répondu'],
      ['Monsieur, je vous écris pour me plaindre'],
      ['Monsieur Le Directeur, je vous écris'],
      ['Le docteur est venu une seule fois'],
      ['Merci Docteur !'],
    ])('no name in %j', (text) => {
      expect(found(text)).toEqual([]);
    });
  });

  describe('after a care or family role', () => {
    it.each([
      ['L’infirmière Julie a été adorable', ['Julie']],
      ['l’aide-soignante Camille m’a aidé', ['Camille']],
      ['L’aide soignante Laetitia et l’infirmier Romain', ['Laetitia', 'Romain']],
      ['Le kiné Marc est super', ['Marc']],
      ['la sage-femme Léa a été formidable', ['Léa']],
      ['Le brancardier Kevin', ['Kevin']],
      ['Ma fille Océane était présente', ['Océane']],
      ['Ma sœur France est venue', ['France']],
      ['L’interne Noël m’a expliqué', ['Noël']],
      ['la kiné manon super gentille', ['manon']],
      ['Le cadre M. Bernard nous a soutenus', ['Bernard']],
      ['Le cadre Mr Diallo a réglé mon problème', ['Diallo']],
      ['l’interne Paul Durand', ['Paul Durand']],
    ])('%j → %j', (text, names) => {
      expect(found(text)).toEqual(names);
    });

    it.each([['l’infirmière de nuit était désagréable'], ['on a vu l’interne, l’externe et le chef']])(
      'no name in %j',
      (text) => {
        expect(found(text)).toEqual([]);
      },
    );
  });

  describe('after thanks', () => {
    it.each([
      ['Merci à Pierre et Claire pour leur gentillesse', ['Pierre', 'Claire']],
      ['merci a julie et a KEVIN pour leur patience', ['julie', 'KEVIN']],
      ['MERCI A SOPHIE ET A TOUTE L EQUIPE', ['SOPHIE']],
      ['Merci à Colombe et à Prudence de l’équipe de jour', ['Colombe', 'Prudence']],
      ['je m appelle sandrine et je n ai pas ete bien recu', ['sandrine']],
      ['merci au Dr Roche !', ['Roche']],
      ['Un grand merci à Marine !', ['Marine']],
    ])('%j → %j', (text, names) => {
      expect(found(text)).toEqual(names);
    });

    it.each([['merci à toute l’équipe'], ['Grace à l’équipe j’ai pu rentrer'], ['merci pour tout']])(
      'no name in %j',
      (text) => {
        expect(found(text)).toEqual([]);
      },
    );
  });

  describe('first names from the lexicon', () => {
    it.each([
      ['Julie Martin l’infirmière de nuit', ['Julie Martin']],
      ['Nathalie et Sophie ont été aux petits soins', ['Nathalie', 'Sophie']],
      ['Pierre a été très patient', ['Pierre']],
      ['Victoire l’aide-soignante mérite une médaille', ['Victoire']],
      ['Bonjour, je suis Marie', ['Marie']],
      ['France Dubois est venue', ['France Dubois']],
      ['surtout Fatoumata et Aïcha', ['Fatoumata', 'Aïcha']],
      ['MERCI JULIEN MARTIN TRES PRO', ['JULIEN MARTIN']],
    ])('%j → %j', (text, names) => {
      expect(found(text)).toEqual(names);
    });
  });

  describe('words that are also first names, used as words', () => {
    it.each([
      ['Une rose sur la table de chevet'],
      ['la pierre du mur était froide'],
      ['C’était clair et précis'],
      ['Claire et nette, l’explication m’a rassuré'],
      ['l’huile d’olive aurait relevé les plats'],
      ['Mon fils travaille dans la marine'],
      ['La Marine nationale m’a évacué'],
      ['En France on a de la chance'],
      ['À Noël le service était vide'],
      ['Dieu merci tout s’est bien terminé'],
      ['Ce fut une victoire sur la maladie'],
      ['Avec de la prudence, on aurait évité l’erreur'],
      ['Un ange gardien ce personnel'],
      ['Constant le bruit dans le couloir'],
      ['Rose ou bleue, la chambre était jolie'],
      ['Je me suis senti aimé et respecté'],
      ['Je suis allé à Lourdes puis à Nancy'],
      ['une formation organisée par France Assos Santé'],
      ['Elle a 19 ans. Maman est restée. Papa a été bien soigné.'],
      ['En mai, avril et juin'],
    ])('no name in %j', (text) => {
      expect(found(text)).toEqual([]);
    });
  });

  describe('words that are never names', () => {
    it.each([
      ['Les AS et les IDE font un travail remarquable'],
      ['Le CHU devrait revoir l’organisation, le SMR et l’HAD aussi'],
      ['Le Doliprane n’a pas suffi, ni le Tramadol'],
      ['Service de Cardiologie au top'],
      ['Transféré à l’hôpital Édouard Herriot'],
      ['j’habite rue Victor Hugo'],
      ['RAS'],
      ['Le jeudi les visites étaient interdites'],
    ])('no name in %j', (text) => {
      expect(found(text)).toEqual([]);
    });
  });

  it('tags later mentions of a surname found after a title', () => {
    expect(found('Mme Dupont est passée. Dupont ne répond jamais.')).toEqual(['Dupont', 'Dupont']);
  });

  it('keys a name by its folded words', () => {
    expect(detectNames('Dr Lefèvre').map((span) => span.key)).toEqual(['lefevre']);
  });
});
