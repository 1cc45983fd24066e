/**
 * What only the two CLIs need: commander's French help and the shell that maps errors to messages
 * and exit codes. Apart from "." so that the library's Node entries (`./node`) never load commander.
 */
export { FRENCH_HELP, frenchCommanderError, frenchHelp, useFrenchHelp } from './help.js';
export { errorLine, EXIT, jsonError, runCli, say } from './shell.js';
export type { ShellError, ShellOutput, ShellSpec } from './shell.js';
