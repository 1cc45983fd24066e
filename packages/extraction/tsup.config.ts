import { packageBuild } from '../../tsup.base.ts';

export default packageBuild({ index: 'src/index.ts', node: 'src/node.ts', bin: 'src/bin.ts', 'convert-worker': 'src/convert-worker.ts', 'segment-worker': 'src/segment-worker.ts' }, ['index', 'node']);
