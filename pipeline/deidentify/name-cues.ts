/**
 * The closed word lists that give a capitalised word the context of a person's name: titles,
 * care and family roles, thanks, particles, and the words that end a name. All entries are
 * folded (lower case, no accents) as `fold()` returns them.
 */

function wordSet(words: string): ReadonlySet<string> {
  return Object.freeze(new Set(words.trim().split(/\s+/)));
}

/**
 * Titles that announce a surname in any case ("Dr", "docteur", "MADAME"). "M" and "Me" are
 * handled apart by the detector: they are titles only as exactly `M`/`M.` and `Me`.
 */
export const TITLES = wordSet(
  'dr docteur docteure doc pr professeur professeure madame monsieur mademoiselle mme mlle mr ' +
    'maitre mesdames messieurs',
);

/**
 * Care and family roles followed by a first name: "l'infirmière Julie", "ma fille Océane".
 * Uppercase-only acronyms (AS, IDE, ASH) are in `ROLE_ACRONYMS`: "as" is also a verb.
 */
export const ROLE_WORDS = wordSet(
  'infirmier infirmiere infirmiers infirmieres aide aide-soignant aide-soignante aides-soignants ' +
    'aides-soignantes soignant soignante interne internes externe kine kines kinesitherapeute ' +
    'kinesi sage-femme brancardier brancardiere cadre medecin chirurgien chirurgienne ' +
    'anesthesiste psychologue psy ergotherapeute ergo orthophoniste dieteticien dieteticienne ' +
    'secretaire agent auxiliaire puericultrice ambulancier ambulanciere manipulateur ' +
    'manipulatrice manip pharmacien pharmacienne preparatrice etudiant etudiante stagiaire ' +
    'hotesse animatrice animateur aumonier benevole osteopathe podologue orthoptiste radiologue ' +
    'cardiologue urgentiste geriatre neurologue pneumologue oncologue psychiatre pediatre ' +
    'gynecologue referent referente coordinatrice coordinateur assistante assistant sociale ' +
    'collegue infirmiere-chef standardiste ' +
    'fils fille mari femme epouse epoux compagnon compagne mere pere maman papa soeur frere ' +
    'grand-mere grand-pere petit-fils petite-fille oncle tante neveu niece cousin cousine voisin ' +
    'voisine ami amie conjoint conjointe gendre belle-fille beau-pere belle-mere beau-frere ' +
    'belle-soeur bebe',
);

/** Role acronyms, roles only in upper case: "l'AS Julie", "IDE Marc". */
export const ROLE_ACRONYMS = wordSet('AS ASH IDE AES AMP');

/** Words after which a list of names is thanked or introduced: "merci à Pierre et Claire". */
export const THANKS_CUES = wordSet('merci remercie remercier remerciements bravo felicitations grace appelle');

/** Weaker cue: "avec Julie", "signé Marc"; does not unlock cue-only names (avec France). */
export const COMPANY_CUES = wordSet('avec signe');

/** Prepositions that may sit between a cue and a name: "merci à", "merci au Dr". */
export const CUE_PREPOSITIONS = wordSet('a au aux pour');

/** Name particles, allowed inside a name only when a capitalised word follows: "de Villiers". */
export const PARTICLES = wordSet('de du des d le la van von da di del della dos ben el ait mac mc ter den der');

/** Before a word that is also a name, a determiner makes it a noun: "la Marine", "une Rose". */
export const DETERMINERS = wordSet('la le les l un une des du au aux cette ce sa son ma mon ta ton');

/** Between a name and the role it is in apposition to: "Olive l'infirmière", "Pierre, notre kiné". */
export const APPOSITION_DETERMINERS = wordSet('l la le notre mon ma votre');

/**
 * Words right after a sentence-initial ambiguous name that show it is a person:
 * "Rose a été adorable", "Pierre m'a expliqué", "Claire est passée".
 */
export const VERB_CUES = wordSet(
  'a est etait m nous s qui reste sait fait avait vient passe prend parle explique ecoute',
);

/**
 * Words that open a list of institutions or streets: the capitalised words after them are a
 * place, not a person ("hôpital Édouard Herriot", "rue Victor Hugo").
 */
export const PLACE_OPENERS = wordSet(
  'hopital clinique centre institut fondation chu ch chru gh groupe pavillon batiment unite ' +
    'residence ehpad maison college lycee ecole faculte rue avenue av boulevard bd place allee ' +
    'impasse chemin route quai cours square pont gare aeroport stade parc salle site',
);

/**
 * Capitalised words that end a name instead of extending it: function words, greetings,
 * praise, departments, months and days. "merci Julie Bonne continuation" keeps "Julie" only.
 */
export const NAME_STOPS = wordSet(
  'le la les un une des de du et ou mais donc or ni car je j tu il elle nous vous ils elles on ' +
    'ce cet cette ces c mon ma mes ton ta tes son sa ses notre votre leur leurs qui que qu quoi ' +
    'dont y en a au aux avec pour par sur sous dans chez sans vers entre pendant depuis apres ' +
    'avant tres trop bien mal plus moins tout toute tous toutes rien aussi encore toujours ' +
    'jamais deja puis ensuite enfin alors merci bravo bonjour bonsoir super top parfait ' +
    'parfaite excellent excellente genial geniale bon bonne vraiment ras neant oui non ' +
    'madame monsieur mademoiselle docteur dr professeur pr mme mlle mr maitre equipe service personnel ' +
    'hopital clinique accueil urgences urgence cardiologie pneumologie neurologie gastro ' +
    'gastro-enterologie orthopedie traumatologie chirurgie medecine reanimation rea maternite ' +
    'pediatrie geriatrie oncologie hematologie nephrologie urologie gynecologie obstetrique ' +
    'psychiatrie radiologie imagerie dermatologie ophtalmologie orl endocrinologie ' +
    'diabetologie rhumatologie infectiologie soins palliatifs admission admissions ' +
    'consultation consultations bloc ambulatoire pole unite qualite direction secretariat ' +
    'pharmacie laboratoire reeducation nuit jour matin soir semaine smr ssr had ehpad chu ' +
    'cordialement signe salutations merci janvier fevrier mars avril mai juin juillet aout ' +
    'septembre octobre novembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'infirmiere infirmier cadre interne kine medecin chef directeur directrice president ' +
    'presidente responsable sud nord est ouest centre',
);
