import type { RouteRecordRaw } from 'vue-router';

export default [
  {
    path: 'simulate',
    name: 'simulate',
    component: () => import('@/views/simulate/index.vue'),
    meta: { title: 'menu.simulate', bureauOnly: true },
  },
] satisfies RouteRecordRaw[];
