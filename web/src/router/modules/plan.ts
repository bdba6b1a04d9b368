import type { RouteRecordRaw } from 'vue-router';

/** `?version=N` as a number, or undefined (the current version). */
const versionOf = (v: unknown) => (typeof v === 'string' && /^[1-9]\d*$/.test(v) ? Number(v) : undefined);

export default [
  {
    path: 'cycles/:cycleId/plan',
    name: 'cycle-plan',
    component: () => import('@/views/cycle/plan/index.vue'),
    props: true,
    meta: { title: 'plan.title', parent: 'cycles' },
  },
  {
    // The published plan of a category, for printing (every signed-in role of the region reads plans).
    path: 'cycles/:cycleId/plan/:categoryId/print',
    name: 'cycle-plan-print',
    component: () => import('@/views/cycle/plan-print/index.vue'),
    props: (route) => ({ cycleId: route.params.cycleId, categoryId: route.params.categoryId, version: versionOf(route.query.version) }),
    meta: { title: 'planPrint.pageTitle', parent: 'cycles' },
  },
] satisfies RouteRecordRaw[];
