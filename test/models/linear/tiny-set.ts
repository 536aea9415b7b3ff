/**
 * A tiny synthetic training set (French, three themes) shared by the linear-head tests.
 */
import type { TrainingExample } from '../../../models/linear/index.js';

export const TINY_LABELS = ['meals', 'waiting_delays', 'room_comfort'] as const;

const MEALS = ['repas froid', 'le repas était bon', 'nourriture fade', 'plateau repas en retard', 'repas sans goût'];
const WAITING = [
  "trop d'attente",
  'attente aux urgences',
  'longue attente',
  'on attend des heures',
  'attente interminable',
];
const ROOM = [
  'chambre bruyante',
  'chambre propre',
  'lit inconfortable',
  'chambre trop chaude',
  'douche de la chambre sale',
];

/** 18 texts: 5 per theme, 2 with two themes, 1 with none. */
export const TINY_SET: readonly TrainingExample[] = [
  ...MEALS.map((text) => ({ text, prompt: 'neutral' as const, labels: ['meals'] })),
  ...WAITING.map((text) => ({ text, prompt: 'improvement' as const, labels: ['waiting_delays'] })),
  ...ROOM.map((text) => ({ text, prompt: 'neutral' as const, labels: ['room_comfort'] })),
  { text: 'repas froid et longue attente', prompt: 'improvement', labels: ['meals', 'waiting_delays'] },
  { text: 'chambre sale, repas fade', prompt: 'neutral', labels: ['room_comfort', 'meals'] },
  { text: 'merci à tous', prompt: 'positive', labels: [] },
];
