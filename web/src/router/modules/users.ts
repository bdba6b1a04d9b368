import type { RouteRecordRaw } from 'vue-router';
import { ACCOUNT_MANAGERS, ROLE_GRANTERS } from '@shared/domain/accounts.ts';

export default [
  {
    path: 'users',
    name: 'users',
    component: () => import('@/views/user/index.vue'),
    meta: { title: 'menu.users', roles: ACCOUNT_MANAGERS },
  },
  // 角色授权: the same list, where the security administrator grants roles (and does nothing else).
  {
    path: 'roles',
    name: 'roles',
    component: () => import('@/views/user/index.vue'),
    meta: { title: 'menu.roles', roles: ROLE_GRANTERS },
  },
  // An account opened without a role lands here until the security administrator grants one.
  {
    path: 'pending',
    name: 'pending',
    component: () => import('@/views/user/Pending.vue'),
    meta: { title: 'menu.pending', roles: ['unassigned'] },
  },
] satisfies RouteRecordRaw[];
