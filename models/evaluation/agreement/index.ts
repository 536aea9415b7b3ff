/** Public surface of inter-coder agreement (issue 6): coefficients, report, plain-French reading. */

export { loadAgreementInput, segmentKey } from './agreement-data.js';
export {
  type AgreementReport,
  type AgreementRow,
  buildAgreementReport,
  type HumanAnswer,
  type MachineProposal,
} from './agreement-report.js';
export {
  type Code,
  cohenKappa,
  cohenKappaFromTable,
  fleissKappa,
  krippendorffAlphaNominal,
  percentAgreement,
} from './coefficients.js';
export { landisKochBand, MIN_UNITS_FOR_READING, plainReading } from './landis-koch.js';
