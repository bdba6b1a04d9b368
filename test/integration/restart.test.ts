// A second start of the local stack on the same data folder keeps what was entered, and open
// cycles resume at their current stage (a new run waits for the bureau again).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../cdk/local/stack.ts';
import { getCycle } from '../../functions/data/cycles.ts';
import { defaultStageDates } from '../../functions/domain/stages.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { until } from '../helpers/poll.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-restart-'));
let stack: LocalStack | undefined;
const tokenOf = async () => (await getCycle('450900', '2027'))?.stages[0]?.taskToken;

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('restart of the local stack', () => {
  it('keeps data, the development clock and resumes the waiting stage', async () => {
    stack = await startLocalStack({ dataDir });
    let bureau = await ApiClient.login(stack.url, 'yl_staff');
    expect((await bureau.post('/regions/450900/cycles', { year: 2027, name: '2027年度绩效考评', stages: defaultStageDates(2027) })).status).toBe(201);
    const firstToken = await until(tokenOf, Boolean, 'the first wait');
    const moved = (await bureau.post('/dev/clock', { days: 2 })).body;
    await stack.stop();

    stack = await startLocalStack({ dataDir });
    bureau = await ApiClient.login(stack.url, 'yl_staff');
    expect(stack.clock.state().offsetMs).toBe(moved.offsetMs);
    await until(tokenOf, (t) => Boolean(t) && t !== firstToken, 'the resumed wait');
    const cycle = (await bureau.get('/regions/450900/cycles/2027')).body;
    expect(cycle).toMatchObject({ currentStage: 1, status: 'open' });
    const advanced = await bureau.post('/regions/450900/cycles/2027/advance', { stage: 1, version: cycle.version });
    expect(advanced.status).toBe(201);
    expect(advanced.body.currentStage).toBe(2);
  }, 120_000); // two starts of the whole stack, each seeding the demo: ~25 s alone, more on a busy CI machine
});
