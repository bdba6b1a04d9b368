import type { RouteRecordRaw } from 'vue-router';
import { AUDIT_READERS } from '@shared/domain/accounts.ts';

export default [
  { path: 'notices', name: 'notices', component: () => import('@/views/notice/list/index.vue'), meta: { title: 'menu.notices' } },
  {
    path: 'audit',
    name: 'audit',
    component: () => import('@/views/audit/list/index.vue'),
    meta: { title: 'menu.audit', roles: AUDIT_READERS },
  },
] satisfies RouteRecordRaw[];
