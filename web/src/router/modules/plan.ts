import type { RouteRecordRaw } from 'vue-router';

export default [
  {
    path: 'cycles/:cycleId/plan',
    name: 'cycle-plan',
    component: () => import('@/views/cycle/plan/index.vue'),
    props: true,
    meta: { title: 'plan.title', parent: 'cycles' },
  },
] satisfies RouteRecordRaw[];
