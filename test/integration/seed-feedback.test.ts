// The demo feedback (cdk/local/seed-feedback.ts) as the API shows it: every state for 2025 and 2026,
// due dates from the official calendars, the overdue item escalated and proposed, a late answer proposed.
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { OFFICIAL_CALENDARS } from '../../functions/domain/calendar-data/index.ts';
import { answerDue } from '../../functions/domain/feedback.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { handler } from '../../functions/handlers/api/progress.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const bureau: Caller = { username: 'yl_staff', name: '王芳', role: 'bureau_staff', regionId: '450900', unitId: 'yl-jxb' };
async function call(op: string, cycleId: string, query?: Record<string, string>) {
  const res = (await handler(apiEvent(routeFor('progress', op), { caller: bureau, params: { regionId: '450900', cycleId }, query }), lambdaContext)) as { statusCode: number; body: string };
  return JSON.parse(res.body);
}

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
}, 120_000);

describe('demo feedback', () => {
  it.each(['2025', '2026'])('%s has items in every state, with due dates by the official calendar', async (cycleId) => {
    const view = await call('listFeedback', cycleId, { limit: '100' });
    expect(view.totals).toMatchObject({ open: 2, answered: 2, reported: 1, returned: 1, accepted: 1 });
    expect(view.totals.overdue).toBeGreaterThanOrEqual(1);
    for (const f of view.items) expect(f.answerDue).toEqual(answerDue(OFFICIAL_CALENDARS, f.receivedOn));
    const late = view.items.find((f: any) => f.answer?.late);
    expect(late.answerClock).toMatchObject({ done: true, late: true });
    const escalated = view.items.find((f: any) => f.escalations.length === 2);
    expect(escalated).toMatchObject({ status: 'open', answerClock: { overdue: true } });
    expect(view.items.find((f: any) => f.status === 'returned').returnReason).toBeTruthy();
    const proposals = (await call('listFeedbackProposals', cycleId)).items;
    expect(proposals.map((p: any) => p.reason).sort()).toEqual(['answeredLate', 'unanswered']);
  });

  it('2026 National Day: the item delivered 2026-09-30 is due 2026-10-20', async () => {
    const view = await call('listFeedback', '2026', { limit: '100' });
    expect(view.items.find((f: any) => f.receivedOn === '2026-09-30').answerDue).toEqual({ date: '2026-10-20', provisional: false });
  });
});
