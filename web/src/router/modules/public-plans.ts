import type { RouteRecordRaw } from 'vue-router';

// 公开的考评方案 (no login): outside the signed-in shell, like /public.
export default [
  {
    path: '/public/plans/:regionId/:cycleId',
    name: 'public-plans',
    component: () => import('@/views/public-plans/index.vue'),
    props: true,
    meta: { title: 'menu.publicPlans', public: true },
  },
] satisfies RouteRecordRaw[];
