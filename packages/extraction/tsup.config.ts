import { packageBuild } from '../../tsup.base.ts';

// The worker entries keep their flat names in dist: src/node/parallel.ts and src/node/batch.ts load
// them as `./node-segment-worker.js` and `./node-convert-worker.js` beside the bundle.
export default packageBuild(
  {
    index: 'src/index.ts',
    'index.node': 'src/index.node.ts',
    node: 'src/node/index.ts',
    bin: 'src/bin.ts',
    'node-convert-worker': 'src/node/convert-worker.ts',
    'node-segment-worker': 'src/node/segment-worker.ts',
  },
  ['index', 'node'],
);
