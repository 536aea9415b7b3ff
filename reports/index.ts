/** Public surface of `reports/`: builders per output over the SQL aggregates of `queries.ts`. */
export * from './action-plan.js';
export * from './csv-safe-cell.js';
export * from './escape-html.js';
export * from './format-fr.js';
export * from './html-report.js';
export * from './latest-run.js';
export * from './multiple-testing.js';
export * from './normal-cdf.js';
export * from './priority-matrix.js';
export * from './quarantine-csv.js';
export * from './queries.js';
export * from './report-data.js';
export * from './score-queries.js';
export * from './segments-csv.js';
export * from './small-cell.js';
export * from './theme-trend.js';
export * from './two-proportion-test.js';
