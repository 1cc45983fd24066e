/**
 * @internal What the page shares with the command line's rendering, and users should not rely on:
 * this entry is resolved from the sources inside the workspace only (the `source` condition) and is
 * not in the published package.
 * @packageDocumentation
 */
export { CHAIN_LABELS, frDate, frDays } from './core/messages.js';
export { safeFileNamePart } from './core/names.js';
