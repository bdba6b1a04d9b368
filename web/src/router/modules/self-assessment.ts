import type { RouteRecordRaw } from 'vue-router';
import { SELF_ASSESSOR_ROLES, SELF_BUREAU_ROLES, SELF_UNIT_ROLES } from '@/views/self/self-roles';

// 单位自评 (Art 16): the unit fills in and its leader submits; the bureau confirms or returns; the assessor units read.
export default [
  { path: 'self-assessment/:cycleId?', name: 'unit-self', component: () => import('@/views/self/unit/index.vue'), props: true, meta: { title: 'menu.selfAssessment', roles: SELF_UNIT_ROLES } },
  { path: 'self-assessments/:cycleId?', name: 'self-assessments', component: () => import('@/views/self/list/index.vue'), props: true, meta: { title: 'menu.selfAssessments', roles: SELF_BUREAU_ROLES } },
  { path: 'assessed-self/:cycleId?', name: 'assessed-self', component: () => import('@/views/self/assessed/index.vue'), props: true, meta: { title: 'menu.assessedSelf', roles: SELF_ASSESSOR_ROLES } },
] satisfies RouteRecordRaw[];
