import { describe, expect, it } from 'vitest';
import { detectPlaces } from '../../../pipeline/deidentify/detect-places.js';

const found = (text: string): string[] => detectPlaces(text).map((span) => text.slice(span.start, span.end));

describe('detectPlaces', () => {
  it.each([
    ['Chambre 214 très bruyante', ['214']],
    ['en chambre 12 lit B la nuit', ['12', 'B']],
    ['Ch. 112 : télé en panne', ['112']],
    ['la chambre n°305 fuit', ['305']],
    ['chambre numéro 12B', ['12B']],
    ['ma mère était au lit 3,', ['3']],
    ['Box 4 des urgences', ['4']],
  ])('finds the room or bed in %j', (text, places) => {
    expect(found(text)).toEqual(places);
  });

  it.each([
    ['J’habite au 12 rue des Lilas et', '12 rue des Lilas'],
    ['déposé au 3 bis avenue Jean Jaurès au lieu de chez moi', '3 bis avenue Jean Jaurès'],
    ['au 27 boulevard Gambetta mais personne', '27 boulevard Gambetta'],
    ['je vis 14 chemin de la Source à la campagne', '14 chemin de la Source'],
    ['adresse : 12 rue de la paix, merci', '12 rue de la paix'],
    ['j’habite rue Victor Hugo depuis', 'rue Victor Hugo'],
    ['au 5, place Bellecour', '5, place Bellecour'],
    ['au 4 rue d’Alsace-Lorraine.', '4 rue d’Alsace-Lorraine'],
    ['2 impasse de l’Église', '2 impasse de l’Église'],
    ['le 8 allée des Tilleuls, 33000 Bordeaux.', '8 allée des Tilleuls, 33000 Bordeaux'],
    ['envoyé à 69003 Lyon puis', '69003 Lyon'],
    ['BP 12, 13005 Marseille Cedex 05', '13005 Marseille Cedex 05'],
  ])('finds the address in %j', (text, address) => {
    expect(found(text)).toEqual([address]);
  });

  it.each([
    ['le lit était inconfortable et la chambre double trop petite'],
    ['chambre 2 personnes pour 3 nuits'],
    ['une chambre à 2 lits'],
    ['lit 3 fois par jour'],
    ['le box des urgences'],
    ['sur la route de l’hôpital aucun panneau'],
    ['la place manquait'],
    ['une place en SMR ou en EHPAD'],
    ['Route de campagne, 40 minutes'],
    ['LE LIT A ETE CHANGE'],
    ['le lit a été changé'],
    ['transféré à Lyon puis à Marseille'],
    ['attente de 10000 secondes'],
  ])('finds nothing in %j', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('keys a room apart from a bed with the same number', () => {
    const [room, bed] = detectPlaces('chambre 12 puis lit 12');
    expect(room?.key).not.toBe(bed?.key);
  });
});
