import type { RouteRecordRaw } from 'vue-router';

export default [
  {
    path: 'users',
    name: 'users',
    component: () => import('@/views/user/index.vue'),
    meta: { title: 'menu.users', accountManagers: true },
  },
] satisfies RouteRecordRaw[];
