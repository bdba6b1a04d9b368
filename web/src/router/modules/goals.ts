import type { RouteRecordRaw } from 'vue-router';
import { BUREAU_ROLES } from '@shared/domain/roles.ts';
import { COMMON_GOAL_ROLES, GOAL_TASK_ROLES, UNIT_GOAL_ROLES } from '@/views/goals/goal-roles';

// Without a cycle in the path, the page opens the cycle in goal setting or review (views/goals/useGoalCycle.ts).
export default [
  {
    path: 'goals/:cycleId?',
    name: 'unit-goals',
    component: () => import('@/views/goals/unit/index.vue'),
    props: true,
    meta: { title: 'menu.goals', roles: UNIT_GOAL_ROLES },
  },
  {
    path: 'goal-tasks/:cycleId?',
    name: 'goal-tasks',
    component: () => import('@/views/goals/tasks/index.vue'),
    props: true,
    meta: { title: 'menu.goalTasks', roles: GOAL_TASK_ROLES },
  },
  {
    path: 'common-goals/:cycleId?',
    name: 'common-goals',
    component: () => import('@/views/goals/assessor/index.vue'),
    props: true,
    meta: { title: 'menu.commonGoals', roles: COMMON_GOAL_ROLES },
  },
  {
    path: 'goal-review/:cycleId?',
    name: 'goal-review',
    component: () => import('@/views/goals/review/index.vue'),
    props: true,
    meta: { title: 'menu.goalReview', roles: BUREAU_ROLES },
  },
] satisfies RouteRecordRaw[];
