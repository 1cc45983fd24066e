import { packageBuild } from '../../tsup.base.ts';

export default packageBuild({ index: 'src/index.ts', node: 'src/node.ts', bin: 'src/bin.ts', 'node-convert-worker': 'src/node-convert-worker.ts', 'node-segment-worker': 'src/node-segment-worker.ts' }, ['index', 'node']);
