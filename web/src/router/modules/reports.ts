import type { RouteRecordRaw } from 'vue-router';
import { REPORT_BUREAU_ROLES, REPORT_UNIT_ROLES } from '@/views/reports/report-roles';

// 报告 (Art 24): a unit's own annual report, the bureau's 年度报告 (any unit) and 全区报告, and the A4 print view.
export default [
  { path: 'my-report/:cycleId?', name: 'my-report', component: () => import('@/views/reports/unit/index.vue'), props: true, meta: { title: 'menu.myReport', roles: REPORT_UNIT_ROLES } },
  { path: 'reports/:cycleId?/:unitId?', name: 'reports', component: () => import('@/views/reports/unit/index.vue'), props: true, meta: { title: 'menu.reports', roles: REPORT_BUREAU_ROLES } },
  // The print view, under each menu entry's path so the menu keeps the page's owner marked.
  { path: 'my-report-print/:cycleId/:unitId', name: 'my-report-print', component: () => import('@/views/reports/print/index.vue'), props: true, meta: { title: 'menu.reportPrint', roles: REPORT_UNIT_ROLES } },
  { path: 'reports-print/:cycleId/:unitId', name: 'report-print', component: () => import('@/views/reports/print/index.vue'), props: true, meta: { title: 'menu.reportPrint', roles: REPORT_BUREAU_ROLES } },
  { path: 'region-report/:cycleId?', name: 'region-report', component: () => import('@/views/reports/region/index.vue'), props: true, meta: { title: 'menu.regionReport', roles: REPORT_BUREAU_ROLES } },
] satisfies RouteRecordRaw[];
