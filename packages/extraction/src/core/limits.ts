// Excel's hard limits, in one place: the analysis, the sheets and the column tracker all obey them.
// Imports nothing, so that any module may import it without a cycle.

/** Excel's row limit per sheet, header included. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Excel's column limit per sheet. */
export const EXCEL_MAX_COLUMNS = 16_384;
/** Excel's limit of characters in one cell. */
export const EXCEL_MAX_CELL_LENGTH = 32_767;

/**
 * The longest cell read, in characters: past it, the reading stops with `CELL_TOO_LARGE` at once,
 * so a giant cell never fills the memory. A cell that long already takes 2,049 columns of parts in
 * the `Valeurs longues` sheet; no extraction has one.
 */
export const MAX_CELL_TEXT = 64 * 1024 * 1024;
