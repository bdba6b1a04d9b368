import type { RouteRecordRaw } from 'vue-router';
import { BUREAU_ROLES } from '@shared/domain/roles.ts';

// 整改 (Art 25–26): the unit's problems and plans, the bureau's tracking, and the public commitments (no login).
export const publicRectification = [
  {
    path: '/public/rectification/:regionId/:cycleId',
    name: 'public-rectification',
    component: () => import('@/views/rectification/public-units.vue'),
    props: true,
    meta: { title: 'menu.publicRectification', public: true },
  },
  {
    path: '/public/rectification/:regionId/:cycleId/:unitId',
    name: 'public-unit-rectification',
    component: () => import('@/views/rectification/public-unit.vue'),
    props: true,
    meta: { title: 'menu.publicRectification', public: true },
  },
] satisfies RouteRecordRaw[];

export const RECTIFY_UNIT_ROLES = ['unit_staff', 'unit_leader'] as const;

export default [
  {
    path: 'rectification/:cycleId?',
    name: 'rectification',
    component: () => import('@/views/rectification/index.vue'),
    props: true,
    meta: { title: 'menu.rectification', roles: RECTIFY_UNIT_ROLES },
  },
  {
    path: 'rectification-tracking/:cycleId?',
    name: 'rectification-tracking',
    component: () => import('@/views/rectification/tracking.vue'),
    props: true,
    meta: { title: 'menu.rectificationTracking', roles: BUREAU_ROLES },
  },
] satisfies RouteRecordRaw[];
