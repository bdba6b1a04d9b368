// A page opened without a cycle in its path puts the one it chose there once the region's cycles have
// answered — unless the person has moved on meanwhile (to another page, or picked a cycle): a late
// replace would otherwise take them back to the page they left.
import type { Router } from 'vue-router';

export function putCycleInPath(router: Router, routeName: string, cycleId: string, keepQuery = false): Promise<unknown> {
  const here = router.currentRoute.value;
  if (here.name !== routeName || here.params.cycleId) return Promise.resolve();
  return router.replace({ name: routeName, params: { cycleId }, ...(keepQuery ? { query: here.query } : {}) });
}
