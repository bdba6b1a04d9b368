import type { RouteRecordRaw } from 'vue-router';
import { BUREAU_ROLES } from '@shared/domain/roles.ts';
import { UNIT_GOAL_ROLES } from '@/views/goals/goal-roles';

// 目标调整 (Art 11): the unit's requests, and the bureau's queue where its leader decides.
export default [
  {
    path: 'goal-adjustments/:cycleId?',
    name: 'goal-adjustments',
    component: () => import('@/views/goal-adjustments/unit/index.vue'),
    props: true,
    meta: { title: 'menu.goalAdjustments', roles: UNIT_GOAL_ROLES },
  },
  {
    path: 'assessed-goal-adjustments/:cycleId?',
    name: 'assessed-goal-adjustments',
    component: () => import('@/views/goal-adjustments/assessor/index.vue'),
    props: true,
    meta: { title: 'menu.assessedAdjustments', roles: ['assessor_staff'] },
  },
  {
    path: 'goal-adjustment-review/:cycleId?',
    name: 'goal-adjustment-review',
    component: () => import('@/views/goal-adjustments/review/index.vue'),
    props: true,
    meta: { title: 'menu.goalAdjustmentReview', roles: BUREAU_ROLES },
  },
] satisfies RouteRecordRaw[];
