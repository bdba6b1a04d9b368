import type { RouteRecordRaw } from 'vue-router';
import { BUREAU_ROLES } from '@shared/domain/roles.ts';
import { CLAIM_UNIT_ROLES, DEDUCTION_RAISER_ROLES } from '@/views/claims/claim-roles';

// 加减分 (Art 19–20): the unit's bonus claims and deductions, deductions raised by assessor units and
// the bureau, and the bureau's review.
export default [
  {
    path: 'claims/:cycleId?',
    name: 'claims',
    component: () => import('@/views/claims/unit/index.vue'),
    props: true,
    meta: { title: 'menu.claims', roles: CLAIM_UNIT_ROLES },
  },
  {
    path: 'deductions/:cycleId?',
    name: 'deductions',
    component: () => import('@/views/claims/raise/index.vue'),
    props: true,
    meta: { title: 'menu.deductions', roles: DEDUCTION_RAISER_ROLES },
  },
  {
    path: 'claim-review/:cycleId?',
    name: 'claim-review',
    component: () => import('@/views/claims/review/index.vue'),
    props: true,
    meta: { title: 'menu.claimReview', roles: BUREAU_ROLES },
  },
] satisfies RouteRecordRaw[];
