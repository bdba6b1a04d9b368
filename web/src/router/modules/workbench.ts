import type { RouteRecordRaw } from 'vue-router';

export default [
  { path: '', name: 'dashboard', component: () => import('@/views/dashboard/index.vue'), meta: { title: 'menu.dashboard' } },
] satisfies RouteRecordRaw[];
