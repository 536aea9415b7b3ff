/** Public surface of `reports/`: builders per output over the SQL aggregates of `queries.ts`. */
export * from './csv-safe-cell.js';
export * from './escape-html.js';
export * from './format-fr.js';
export * from './html-report.js';
export * from './quarantine-csv.js';
export * from './queries.js';
export * from './segments-csv.js';
export * from './small-cell.js';
