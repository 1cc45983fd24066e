/**
 * Text rules shared by both packages and the page: French typography, and untrusted text made
 * safe to print or to use in a file name. Internal: bundled at build, never published.
 */
export { frenchTypography, unexpectedErrorSentence } from './typography.js';
export { codePointSlice, hasUnsafeCharacters, jsonText, printable, safeFileStem, utf8Slice } from './untrusted.js';
