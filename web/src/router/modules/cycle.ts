import type { RouteRecordRaw } from 'vue-router';

export default [
  { path: 'cycles', name: 'cycles', component: () => import('@/views/cycle/list/index.vue'), meta: { title: 'menu.cycles' } },
  {
    path: 'cycles/:cycleId',
    name: 'cycle',
    component: () => import('@/views/cycle/detail/index.vue'),
    props: true,
    meta: { title: 'menu.cycleDetail', parent: 'cycles' },
  },
] satisfies RouteRecordRaw[];
