import type { RouteRecordRaw } from 'vue-router';
import { BUREAU_ROLES } from '@shared/domain/roles.ts';

// 投诉举报 (Art 32): the public page (file, query by code; no login) and the bureau's handling.
export const publicComplaints = [
  {
    path: '/public/complaints',
    name: 'public-complaints',
    component: () => import('@/views/complaints/public.vue'),
    meta: { title: 'menu.publicComplaints', public: true },
  },
] satisfies RouteRecordRaw[];

export default [
  {
    path: 'complaints/:complaintId?',
    name: 'complaints',
    component: () => import('@/views/complaints/index.vue'),
    props: true,
    meta: { title: 'menu.complaints', roles: BUREAU_ROLES },
  },
] satisfies RouteRecordRaw[];
