import type { RouteRecordRaw } from 'vue-router';
import { BUREAU_ROLES } from '@shared/domain/roles.ts';

// 数据接口: the bureau's feeding systems and their keys.
export default [
  {
    path: 'feed-systems',
    name: 'feed-systems',
    component: () => import('@/views/feed/index.vue'),
    meta: { title: 'menu.feedSystems', roles: BUREAU_ROLES },
  },
] satisfies RouteRecordRaw[];
