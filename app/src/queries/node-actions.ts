import { actionHook } from './devices';
import { nodesQueries } from './nodes';

// Node approvals, apart from the node reads (nodes.ts) that the header badge needs on every page.

export const useApproveNode = actionHook({
  name: 'approve',
  listKey: nodesQueries.all(),
  run: (gw, requestId: string) => gw.call('node.pair.approve', { requestId }),
});

export const useRejectNode = actionHook({
  name: 'reject',
  listKey: nodesQueries.all(),
  run: (gw, requestId: string) => gw.call('node.pair.reject', { requestId }),
});
