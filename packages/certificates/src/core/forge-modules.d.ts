// @types/node-forge declares only "node-forge": its per-module files are the same object.
declare module 'node-forge/lib/forge.js' {
  import forge from 'node-forge';
  export default forge;
}
declare module 'node-forge/lib/*';
