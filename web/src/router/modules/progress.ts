import type { RouteRecordRaw } from 'vue-router';
import { PROGRESS_ASSESSOR_ROLES, PROGRESS_BUREAU_ROLES, PROGRESS_UNIT_ROLES } from '@/views/progress/progress-roles';

// 进度填报 (Art 13): the unit fills in and its leader approves; the bureau and the assessor units read.
export default [
  { path: 'progress/:cycleId?', name: 'unit-progress', component: () => import('@/views/progress/unit/index.vue'), props: true, meta: { title: 'menu.progress', roles: PROGRESS_UNIT_ROLES } },
  { path: 'progress-reports/:cycleId?', name: 'progress-reports', component: () => import('@/views/progress/reports/index.vue'), props: true, meta: { title: 'menu.progressReports', roles: PROGRESS_BUREAU_ROLES } },
  { path: 'assessed-progress/:cycleId?', name: 'assessed-progress', component: () => import('@/views/progress/assessed/index.vue'), props: true, meta: { title: 'menu.assessedProgress', roles: PROGRESS_ASSESSOR_ROLES } },
] satisfies RouteRecordRaw[];
