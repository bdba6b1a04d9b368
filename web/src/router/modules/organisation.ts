import type { RouteRecordRaw } from 'vue-router';

export default [
  { path: 'units', name: 'units', component: () => import('@/views/unit/index.vue'), meta: { title: 'menu.units' } },
  {
    path: 'cycles/:cycleId/categories',
    name: 'cycle-categories',
    component: () => import('@/views/cycle/categories/index.vue'),
    props: true,
    meta: { title: 'categories.title', parent: 'cycles' },
  },
] satisfies RouteRecordRaw[];
