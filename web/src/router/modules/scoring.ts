import type { RouteRecordRaw } from 'vue-router';
import { SCORING_PROGRESS_ROLES, SCORING_ROLES } from '@/views/scoring/scoring-roles';

// 考核评分 (Art 17–18): assessor units and the third party score; the bureau follows the progress.
export default [
  { path: 'scoring/:cycleId?', name: 'scoring', component: () => import('@/views/scoring/desk/index.vue'), props: true, meta: { title: 'menu.scoring', roles: SCORING_ROLES } },
  { path: 'scoring-progress/:cycleId?', name: 'scoring-progress', component: () => import('@/views/scoring/progress/index.vue'), props: true, meta: { title: 'menu.scoringProgress', roles: SCORING_PROGRESS_ROLES } },
] satisfies RouteRecordRaw[];
