/**
 * How both CLIs read and write user files: plan checks before writing, atomic writes (or streaming
 * into a device), all-or-nothing sets, bounded reads, signal handling and French help. Internal:
 * bundled into each CLI at build (see tsup.config.ts), never published on its own. The CLIs' shell
 * and French help (commander) are in `./cli`: the libraries' Node entries never load them.
 */
export { aborted, FileError, readFailure, writeFailure } from './errors.js';
export type { FileErrorCode } from './errors.js';
export { CASE_INSENSITIVE, identify, identifyDescriptor, isNullDevice, landingPath, pathKey, sameFile } from './identity.js';
export type { FileIdentity, FileKind } from './identity.js';
export { checkPlan } from './plan.js';
export type { PlannedOutput, PlanOptions } from './plan.js';
export { PASSWORD_FILE_LIMIT, readBounded, readFirstLine, spoolToTempFile } from './read.js';
export type { Spool, SpoolOptions } from './read.js';
export { writeFileSet } from './set.js';
export type { SetFile, SetFs, SetOptions } from './set.js';
export { handleStopSignals, releaseTemp, SIGNAL_EXIT_CODES, trackTemp, watchTemps } from './signals.js';
export type { StopSignal } from './signals.js';
export { commit, resolveWriteTarget, tempPathFor, writeFileSafely } from './write.js';
export type { Body, WriteOptions, WriteTarget } from './write.js';
