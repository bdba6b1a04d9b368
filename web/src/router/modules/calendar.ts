import type { RouteRecordRaw } from 'vue-router';

export default [
  { path: 'calendar', name: 'calendar', component: () => import('@/views/calendar/index.vue'), meta: { title: 'menu.calendar' } },
] satisfies RouteRecordRaw[];
