// 加分申报 dialog: the amount is the rule's points × items in exact hundredths; 保存草稿 creates the draft
// (version 0), later typing is saved without a click on the version the last save returned, and the
// API's refusal is shown in the dialog with the field it names.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClaimView } from '@/api/claims';
import { configureHttp } from '@/api/http';
import ClaimDialog from '@/views/claims/ClaimDialog.vue';
import { plugins } from './setup';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const rules = [
  { id: 'b1', name: '获国家级表彰', points: 100, needsApproval: true },
  { id: 'b2', name: '获自治区级表彰', points: 50, cap: 100, needsApproval: true },
];
const scope = { regionId: '450900', cycleId: '2026', unitId: 'yz' };
const saved = (version: number, description: string): ClaimView => ({
  cycleId: '2026', unitId: 'yz', id: '00000000-0000-4000-8000-000000000002', unitName: '玉州区', categoryId: 'c1', kind: 'bonus', ruleId: 'b1', name: '获国家级表彰', occurrences: 1, amount: 100,
  severe: false, needsApproval: true, raisedBy: { kind: 'unit', unitId: 'yz' }, description, evidence: [], status: 'draft', createdAt: '2026-12-01T00:00:00Z', createdBy: 'yuzhou_staff', version, updatedAt: '2026-12-01T00:00:00Z', updatedBy: 'yuzhou_staff',
});

describe('claim dialog', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const mountDialog = () => {
    wrapper = mount(ClaimDialog, { props: { kind: 'bonus', rules, scope, modelValue: true }, global: { plugins: plugins() }, attachTo: document.body });
    return flushPromises();
  };
  const bodies = () => fetchMock.mock.calls.map(([, init]) => JSON.parse(String(init?.body)) as Record<string, unknown>);

  it('shows the amount exactly, saves the draft, then keeps typing saved on the version returned', async () => {
    let version = 0;
    fetchMock.mockImplementation(async (_url, init) => json(201, saved(++version, (JSON.parse(String(init?.body)) as { description: string }).description)));
    await mountDialog();
    expect(q('claim-amount')!.textContent).toContain('+1.00 分');
    const occurrences = wrapper!.findComponent({ name: 'ElInputNumber' });
    occurrences.vm.$emit('update:modelValue', 3);
    await flushPromises();
    expect(q('claim-amount')!.textContent).toContain('+3.00 分');
    const textarea = document.body.querySelector<HTMLTextAreaElement>('textarea[data-testid="claim-description"], [data-testid="claim-description"] textarea')!;
    textarea.value = '获国务院表彰';
    textarea.dispatchEvent(new Event('input'));
    q('claim-save')!.click();
    await flushPromises();
    expect(bodies()[0]).toEqual({ ruleId: 'b1', occurrences: 3, description: '获国务院表彰', evidence: [], version: 0 });
    // Reopened on the saved draft: typing is saved a moment later, on version 1.
    wrapper!.unmount();
    vi.useFakeTimers();
    wrapper = mount(ClaimDialog, { props: { kind: 'bonus', rules, scope, modelValue: true, claim: saved(1, '获国务院表彰') }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
    const again = document.body.querySelector<HTMLTextAreaElement>('textarea[data-testid="claim-description"], [data-testid="claim-description"] textarea')!;
    again.value = '获国务院表彰（全国模范集体）';
    again.dispatchEvent(new Event('input'));
    await vi.advanceTimersByTimeAsync(1000);
    await flushPromises();
    expect(bodies()[1]).toMatchObject({ claimId: '00000000-0000-4000-8000-000000000002', description: '获国务院表彰（全国模范集体）', version: 1 });
  });

  it('creates the draft a moment after the grounds are typed, and saves what is pending when closed', async () => {
    let version = 0;
    fetchMock.mockImplementation(async (_url, init) => json(201, saved(++version, (JSON.parse(String(init?.body)) as { description: string }).description)));
    vi.useFakeTimers();
    await mountDialog();
    const textarea = document.body.querySelector<HTMLTextAreaElement>('textarea[data-testid="claim-description"], [data-testid="claim-description"] textarea')!;
    textarea.value = '获国务院表彰';
    textarea.dispatchEvent(new Event('input'));
    await vi.advanceTimersByTimeAsync(1000);
    await flushPromises();
    expect(bodies()).toEqual([{ ruleId: 'b1', occurrences: 1, description: '获国务院表彰', evidence: [], version: 0 }]);
    textarea.value = '获国务院表彰（全国模范集体）';
    textarea.dispatchEvent(new Event('input'));
    await wrapper!.setProps({ modelValue: false });
    await flushPromises();
    expect(bodies()[1]).toMatchObject({ description: '获国务院表彰（全国模范集体）', version: 1 });
    expect(wrapper!.emitted('saved')).toHaveLength(2);
  });

  it('shows the API’s refusal in the dialog, naming the field', async () => {
    fetchMock.mockResolvedValue(json(400, { error: { code: 'VALIDATION', message: '规则有误', details: [{ path: 'body.ruleId', message: '本单位现行方案没有编号为 b1 的加分规则' }] } }));
    await mountDialog();
    const textarea = document.body.querySelector<HTMLTextAreaElement>('textarea[data-testid="claim-description"], [data-testid="claim-description"] textarea')!;
    textarea.value = '说明';
    textarea.dispatchEvent(new Event('input'));
    q('claim-save')!.click();
    await flushPromises();
    expect(q('claim-error')!.textContent).toContain('规则有误');
    expect(document.body.textContent).toContain('本单位现行方案没有编号为 b1 的加分规则');
    expect(q('claim-dialog')).not.toBeNull();
  });
});
