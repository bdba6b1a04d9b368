import type { RouteRecordRaw } from 'vue-router';

// 公开的年度绩效目标 (no login): outside the signed-in shell, like /public.
export default [
  {
    path: '/public/goals/:regionId/:cycleId',
    name: 'public-goals',
    component: () => import('@/views/public-goals/units.vue'),
    props: true,
    meta: { title: 'menu.publicGoals', public: true },
  },
  {
    path: '/public/goals/:regionId/:cycleId/:unitId',
    name: 'public-unit-goals',
    component: () => import('@/views/public-goals/unit.vue'),
    props: true,
    meta: { title: 'menu.publicGoals', public: true },
  },
  {
    path: '/public/goals/:regionId/:cycleId/:unitId/print',
    name: 'public-unit-goals-print',
    component: () => import('@/views/public-goals/print.vue'),
    props: true,
    meta: { title: 'menu.publicGoals', public: true },
  },
] satisfies RouteRecordRaw[];
