/** Public surface of the de-identification stage. */
export { deidentify, detectPii, type Pseudonymized, pseudonymize } from './deidentify.js';
export { detectDates } from './detect-dates.js';
export { detectEmails } from './detect-emails.js';
export { detectIds } from './detect-ids.js';
export { detectNames } from './detect-names.js';
export { detectNir, isValidNir } from './detect-nir.js';
export { detectPhones } from './detect-phones.js';
export { detectPlaces } from './detect-places.js';
export type { Span } from './span.js';
