import type { RouteRecordRaw } from 'vue-router';
import { FEEDBACK_ROLES } from '@/views/feedback/feedback-roles';

// 反馈整改 (Art 14): senders raise and track feedback, units answer and report the result.
export default [
  {
    path: 'feedback/:cycleId?',
    name: 'feedback',
    component: () => import('@/views/feedback/index.vue'),
    props: true,
    meta: { title: 'menu.feedback', roles: FEEDBACK_ROLES },
  },
] satisfies RouteRecordRaw[];
