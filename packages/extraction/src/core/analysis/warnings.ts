import { type ExtractionWarning, type ExtractionWarningCode, frenchTypography } from '../errors.js';

const WARNINGS_KEPT_PER_CODE = 100;

/** The warnings of one analysis: every one counted, the first 100 of each code kept. */
export class WarningList {
  readonly list: ExtractionWarning[] = [];
  readonly counts: Partial<Record<ExtractionWarningCode, number>> = {};
  add(warning: ExtractionWarning): void {
    const count = (this.counts[warning.code] ?? 0) + 1;
    this.counts[warning.code] = count;
    if (count <= WARNINGS_KEPT_PER_CODE) this.list.push({ ...warning, message: frenchTypography(warning.message) });
  }
}
