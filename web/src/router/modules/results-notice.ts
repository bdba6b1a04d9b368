import type { RouteRecordRaw } from 'vue-router';
import { NOTICE_ROLES } from '@/views/results-notice/notice-roles';

// 结果通报 and 结果运用 (Art 22, 27–29) for the bureau.
export default [
  { path: 'results-notice/:cycleId?', name: 'results-notice', component: () => import('@/views/results-notice/index.vue'), props: true, meta: { title: 'menu.resultsNotice', roles: NOTICE_ROLES } },
  { path: 'results-use/:cycleId?', name: 'results-use', component: () => import('@/views/results-use/index.vue'), props: true, meta: { title: 'menu.resultsUse', roles: NOTICE_ROLES } },
] satisfies RouteRecordRaw[];

// The published notice (no login): outside the signed-in shell, like /public; its A4 print view.
export const publicResultsNotice = [
  { path: '/public/results-notice/:regionId/:cycleId', name: 'public-results-notice', component: () => import('@/views/public-notice/index.vue'), props: true, meta: { title: 'menu.publicResultsNotice', public: true } },
  { path: '/public/results-notice/:regionId/:cycleId/print', name: 'public-results-notice-print', component: () => import('@/views/public-notice/print.vue'), props: true, meta: { title: 'menu.publicResultsNotice', public: true } },
] satisfies RouteRecordRaw[];
