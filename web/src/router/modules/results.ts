import type { RouteRecordRaw } from 'vue-router';
import { RESULT_BUREAU_ROLES, RESULT_UNIT_ROLES } from '@/views/results/result-roles';

// 汇总反馈 and 等次评定 (Art 21–22): the bureau's 成绩汇总, a unit's own 初步结果.
export default [
  { path: 'results/:cycleId?', name: 'results', component: () => import('@/views/results/bureau/index.vue'), props: true, meta: { title: 'menu.results', roles: RESULT_BUREAU_ROLES } },
  { path: 'my-result/:cycleId?', name: 'my-result', component: () => import('@/views/results/mine/index.vue'), props: true, meta: { title: 'menu.myResult', roles: RESULT_UNIT_ROLES } },
] satisfies RouteRecordRaw[];
