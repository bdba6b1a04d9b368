import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import { i18n } from '@/i18n';
import { mayOpen, useSessionStore } from '@/stores/session';
import account from './modules/account';
import calendar from './modules/calendar';
import claims from './modules/claims';
import complaints, { publicComplaints } from './modules/complaints';
import cycle from './modules/cycle';
import goals from './modules/goals';
import progress from './modules/progress';
import scoring from './modules/scoring';
import results from './modules/results';
import resultsNotice, { publicResultsNotice } from './modules/results-notice';
import reports from './modules/reports';
import rectification, { publicRectification } from './modules/rectification';
import selfAssessment from './modules/self-assessment';
import goalAdjustments from './modules/goal-adjustments';
import feedback from './modules/feedback';
import feed from './modules/feed';
import organisation from './modules/organisation';
import plan from './modules/plan';
import publicPlans from './modules/public-plans';
import publicGoals from './modules/public-goals';
import simulate from './modules/simulate';
import users from './modules/users';
import workbench from './modules/workbench';

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/login/index.vue'), meta: { title: 'menu.login', public: true } },
  { path: '/public', name: 'public', component: () => import('@/views/public/index.vue'), meta: { title: 'menu.public', public: true } },
  ...publicPlans,
  ...publicGoals,
  ...publicResultsNotice,
  ...publicComplaints,
  ...publicRectification,
  { path: '/', component: () => import('@/layout/index.vue'), children: [...workbench, ...cycle, ...goals, ...goalAdjustments, ...feedback, ...claims, ...feed, ...progress, ...selfAssessment, ...scoring, ...results, ...resultsNotice, ...reports, ...rectification, ...complaints, ...organisation, ...plan, ...account, ...calendar, ...simulate, ...users] },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/error/NotFound.vue'),
    meta: { title: 'menu.notFound', public: true },
  },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const session = useSessionStore();
  if (!session.signedIn) return { name: 'login', query: { redirect: to.fullPath } };
  try {
    await session.loadMe();
  } catch {
    return { name: 'login', query: { redirect: to.fullPath } };
  }
  // A page the role may not open sends it to its own landing page (an administrator's one page).
  const me = await session.loadMe();
  if (!mayOpen(me.role, to.meta)) return to.name === session.home ? true : { name: session.home };
  return true;
});

router.afterEach((to) => {
  const { t } = i18n.global;
  document.title = to.meta.title ? `${t(to.meta.title)} - ${t('app.title')}` : t('app.title');
});
