// Excel's hard limits, in one place: the analysis, the sheets and the column tracker all obey them.
// Imports nothing, so that any module may import it without a cycle.

/** Excel's row limit per sheet, header included. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Excel's column limit per sheet. */
export const EXCEL_MAX_COLUMNS = 16_384;
/** Excel's limit of characters in one cell. */
export const EXCEL_MAX_CELL_LENGTH = 32_767;
