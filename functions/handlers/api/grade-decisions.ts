// Art 23 decisions and the leader's confirmation (等次评定, Art 22–23), spread into the 'results' handler.
// A decision changes the place, never the total: the next computation hands the approved ones to the
// engine (scoring/grading.ts), which alone moves grades and ranks. A raise never reaches a vetoed unit.
// A confirmed category is frozen (data/confirmations.ts assertNotFrozen is the one check every writer
// calls); a correction reopens it only when the leader approves, and the next confirmation is the next
// version, the earlier ones kept. Rules: domain/confirmation.ts.
import { randomUUID } from 'node:crypto';
import { now, nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { gradeDecisionRoutes, type ConfirmationView, type FreezeView, type GradeDecisionView, type ReopenView } from '../../contracts/grade-decisions.ts';
import { getCategorySet } from '../../data/categories.ts';
import { confirmationHistory, getFreeze, listFreezes, storeConfirmation, storeReopen, assertNotFrozen } from '../../data/confirmations.ts';
import { getCycle } from '../../data/cycles.ts';
import { getGradeDecision, listGradeDecisions, storeGradeDecision } from '../../data/grade-decisions.ts';
import { tableName } from '../../data/client.ts';
import { keys } from '../../data/keys.ts';
import { noticeItem } from '../../data/notifications.ts';
import { latestRun, readCycleResults, readUnitResult } from '../../data/results.ts';
import { confirmedUnitsOf, confirmProblems, DECISION_STAGES, isFrozen, proposalRefusal } from '../../domain/confirmation.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { mayStartRun } from '../../domain/results.ts';
import { isAtStage } from '../../domain/stages.ts';
import type { CategoryFreezeRecord, ConfirmationRecord, GradeDecisionRecord, ReopenRecord } from '../../model/grade-decision.ts';
import type { VetoRecord } from '../../model/result.ts';
import { ops } from '../../http/chain.ts';

const decisionViewOf = ({ regionId: _r, ...d }: GradeDecisionRecord): GradeDecisionView => d;
const freezeViewOf = ({ regionId: _r, cycleId: _c, ...f }: CategoryFreezeRecord): FreezeView => f;
const confirmationViewOf = ({ regionId: _r, ...c }: ConfirmationRecord): ConfirmationView => c;
const reopenViewOf = ({ regionId: _r, ...r }: ReopenRecord): ReopenView => r;
const notOpen = () => new ConflictError(t('周期不在「等次评定」阶段，不能处理第二十三条调整或确认结果', 'The cycle is not in grading: Art 23 decisions and confirmations are not possible'));
const stale = () => new ConflictError(t('该事项已被他人修改，请刷新后重试', 'Someone else changed this item; please refresh and try again'));
const refused = (r: { zh: string; en: string }) => new ConflictError(t(r.zh, r.en));

async function cycleAt(regionId: string, cycleId: string) {
  const cycle = await getCycle(regionId, cycleId);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  return { cycle, open: DECISION_STAGES.some((s) => isAtStage(cycle, s)) };
}

async function categoryOf(regionId: string, cycleId: string, find: { unitId: string } | { categoryId: string }) {
  const set = await getCategorySet(regionId, cycleId);
  const category = set?.categories.find((c) => ('unitId' in find ? c.units.some((u) => u.unitId === find.unitId) : c.categoryId === find.categoryId));
  if (!category) throw new NotFoundError('unitId' in find ? t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle') : t('本周期没有该考评类别', 'This cycle has no such category'));
  return category;
}

/** A unit's vetoes (approved, or already in its result) and its grade now. */
async function standingOf(regionId: string, cycleId: string, unitId: string) {
  const { result, vetoes } = await readUnitResult(regionId, cycleId, unitId);
  const approved = vetoes.filter((v: VetoRecord) => v.status === 'approved').map((v) => v.name);
  return { vetoes: [...(result?.vetoes ?? []), ...approved], grade: result?.place?.grade ?? null };
}

export const gradeDecisionOps = ops(gradeDecisionRoutes, {
  listGradeDecisions: async ({ params: { regionId, cycleId }, query }) => {
    const [{ cycle, open }, items, freezes] = await Promise.all([cycleAt(regionId, cycleId), listGradeDecisions(regionId, cycleId), listFreezes(regionId, cycleId)]);
    return {
      stage: cycle.currentStage,
      open,
      items: items.filter((d) => !query.status || d.status === query.status).sort((a, b) => b.proposedAt.localeCompare(a.proposedAt)).map(decisionViewOf),
      freezes: freezes.map(freezeViewOf),
    };
  },

  proposeGradeDecision: async ({ caller, params: { regionId, cycleId, unitId }, body }) => {
    const [{ open }, category] = await Promise.all([cycleAt(regionId, cycleId), categoryOf(regionId, cycleId, { unitId })]);
    if (!open) throw notOpen();
    await assertNotFrozen(regionId, cycleId, [unitId]);
    const refusal = proposalRefusal(body, await standingOf(regionId, cycleId, unitId));
    if (refusal) throw refused(refusal);
    const at = nowIso();
    const after: GradeDecisionRecord = {
      regionId,
      cycleId,
      unitId,
      id: randomUUID(),
      unitName: category.units.find((u) => u.unitId === unitId)!.name,
      categoryId: category.categoryId,
      ...body,
      status: 'proposed',
      proposedAt: at,
      proposedBy: caller.username,
      version: 1,
    };
    await storeGradeDecision(caller, undefined, after, at);
    return decisionViewOf(after);
  },

  decideGradeDecision: async ({ caller, params: { regionId, cycleId, unitId, decisionId }, body }) => {
    const [{ open }, before] = await Promise.all([cycleAt(regionId, cycleId), getGradeDecision(regionId, cycleId, unitId, decisionId)]);
    if (!before) throw new NotFoundError(t('未找到该调整事项', 'No such decision'));
    if (!open) throw notOpen();
    if (before.status !== 'proposed') throw new ConflictError(t('该调整已审批，不能再改', 'This decision is decided already'));
    if (before.version !== body.version) throw stale();
    await assertNotFrozen(regionId, cycleId, [unitId]);
    if (body.decision === 'approve') {
      // A veto approved since the proposal still wins: a raise is refused.
      const refusal = proposalRefusal({ ...before, target: 'rank' }, await standingOf(regionId, cycleId, unitId));
      if (refusal) throw refused(refusal);
    }
    const at = nowIso();
    const decision = body.decision === 'approve' ? { by: caller.username, at, documentNumber: body.documentNumber } : { by: caller.username, at, reason: body.reason };
    const after: GradeDecisionRecord = { ...before, status: body.decision === 'approve' ? 'approved' : 'rejected', decision, version: before.version + 1 };
    // The unit is told of an approved change (in the same transaction); its result shows it once computed.
    const notices =
      body.decision === 'approve'
        ? [
            noticeItem({
              regionId,
              unitId,
              at,
              kind: 'art23.approved',
              title: t('第二十三条等次、位次调整已批准', 'Art 23 grade or rank change approved'),
              body: t(
                `绩效办依《条例》第二十三条批准${before.direction === 'raise' ? '提高' : '降低'}本单位${before.target === 'grade' ? '等次' : '位次'} ${before.steps} ${before.target === 'grade' ? '等' : '位'}（批准文号：${body.documentNumber}）；总分不变，重新计算后在本单位初步结果中显示。`,
                `The bureau approved an Art 23 ${before.direction} of your unit's ${before.target} by ${before.steps} (approval ${body.documentNumber}); the total is unchanged, and the result shows it once computed again.`,
              ),
              link: `/my-result/${cycleId}`,
            }),
          ]
        : [];
    await storeGradeDecision(caller, before, after, at, notices);
    return decisionViewOf(after);
  },

  getConfirmations: async ({ params: { regionId, cycleId, categoryId } }) => {
    const [, , freeze, history] = await Promise.all([cycleAt(regionId, cycleId), categoryOf(regionId, cycleId, { categoryId }), getFreeze(regionId, cycleId, categoryId), confirmationHistory(regionId, cycleId, categoryId)]);
    return { categoryId, freeze: freeze ? freezeViewOf(freeze) : null, confirmations: history.confirmations.map(confirmationViewOf), reopens: history.reopens.map(reopenViewOf) };
  },

  confirmResults: async ({ caller, params: { regionId, cycleId, categoryId }, body }) => {
    const [{ open }, category, before, stored, decisions, history, last] = await Promise.all([
      cycleAt(regionId, cycleId),
      categoryOf(regionId, cycleId, { categoryId }),
      getFreeze(regionId, cycleId, categoryId),
      readCycleResults(regionId, cycleId),
      listGradeDecisions(regionId, cycleId),
      confirmationHistory(regionId, cycleId, categoryId),
      latestRun(regionId, cycleId),
    ]);
    if (!open) throw notOpen();
    if ((before?.version ?? 0) !== body.version) throw stale();
    if (isFrozen(before)) throw new ConflictError(t(`「${category.name}」的结果已确认（第 ${before!.confirmedVersion} 版）`, `The results of “${category.name}” are confirmed already (version ${before!.confirmedVersion})`));
    if (last && !mayStartRun(last, now())) throw new ConflictError(t('计算正在进行，请待其结束后再确认', 'A computation is running; confirm once it has ended'));
    const results = new Map(stored.results.filter((r) => r.categoryId === categoryId).map((r) => [r.unitId, r]));
    const problems = confirmProblems(category.units.map((u) => ({ unitId: u.unitId, name: u.name, result: results.get(u.unitId), decisions: decisions.filter((d) => d.unitId === u.unitId) })));
    // An approved veto not yet in the result (or one still proposed) must be computed or decided first.
    for (const u of category.units) {
      const vetoes = stored.vetoes.filter((v) => v.unitId === u.unitId);
      if (vetoes.some((v) => v.status === 'proposed')) problems.push({ unitId: u.unitId, zh: `${u.name}：有待审批的一票否决事项`, en: `${u.name}: a veto awaits decision` });
      else if (vetoes.filter((v) => v.status === 'approved').length > (results.get(u.unitId)?.vetoes.length ?? 0)) problems.push({ unitId: u.unitId, zh: `${u.name}：已批准的一票否决尚未计入结果，请重新计算`, en: `${u.name}: an approved veto is not in the result yet; compute again` });
    }
    if (problems.length) {
      const shown = problems.slice(0, 10);
      throw new ConflictError(t(`「${category.name}」暂不能确认：${shown.map((p) => p.zh).join('；')}${problems.length > 10 ? ` 等 ${problems.length} 项` : ''}`, `“${category.name}” cannot be confirmed yet: ${shown.map((p) => p.en).join('; ')}`));
    }
    const at = nowIso();
    const nextVersion = (before?.confirmedVersion ?? 0) + 1;
    const reopen = before ? history.reopens.find((r) => r.status === 'approved' && r.fromVersion === before.confirmedVersion) : undefined;
    const { units, counts } = confirmedUnitsOf(category.units.map((u) => results.get(u.unitId)!));
    const snapshot: ConfirmationRecord = {
      regionId,
      cycleId,
      categoryId,
      categoryName: category.name,
      version: nextVersion,
      confirmedAt: at,
      confirmedBy: caller.username,
      ...(reopen ? { reopen: { id: reopen.id, reason: reopen.reason, proposedBy: reopen.proposedBy, approvedBy: reopen.decision!.by, approvedAt: reopen.decision!.at } } : {}),
      counts,
      units,
    };
    const after: CategoryFreezeRecord = { regionId, cycleId, categoryId, status: 'confirmed', confirmedVersion: nextVersion, confirmedAt: at, confirmedBy: caller.username, version: (before?.version ?? 0) + 1 };
    // No run started since the results were read: the snapshot is what is stored.
    const head = { ConditionCheck: { TableName: tableName(), Key: keys.resultRunHead(regionId, cycleId), ...(last ? { ConditionExpression: 'attribute_not_exists(pk) OR runId = :id', ExpressionAttributeValues: { ':id': last.id } } : { ConditionExpression: 'attribute_not_exists(pk)' }) } };
    await storeConfirmation(caller, before, after, snapshot, [head]);
    return confirmationViewOf(snapshot);
  },

  proposeReopen: async ({ caller, params: { regionId, cycleId, categoryId }, body }) => {
    const [{ open }, category, freeze] = await Promise.all([cycleAt(regionId, cycleId), categoryOf(regionId, cycleId, { categoryId }), getFreeze(regionId, cycleId, categoryId)]);
    if (!open) throw notOpen();
    if (!isFrozen(freeze)) throw new ConflictError(t(`「${category.name}」的结果尚未确认，无需更正申请`, `The results of “${category.name}” are not confirmed; no correction is needed`));
    if (freeze!.version !== body.version) throw stale();
    if (freeze!.pendingReopenId) throw new ConflictError(t('已有一份更正申请待领导审批', 'A correction already awaits the leader'));
    const at = nowIso();
    const after: ReopenRecord = { regionId, cycleId, categoryId, id: randomUUID(), fromVersion: freeze!.confirmedVersion, reason: body.reason, status: 'proposed', proposedAt: at, proposedBy: caller.username, version: 1 };
    await storeReopen(caller, { before: freeze!, after: { ...freeze!, pendingReopenId: after.id, version: freeze!.version + 1 } }, undefined, after, at);
    return reopenViewOf(after);
  },

  decideReopen: async ({ caller, params: { regionId, cycleId, categoryId, reopenId }, body }) => {
    const [{ open }, freeze, history] = await Promise.all([cycleAt(regionId, cycleId), getFreeze(regionId, cycleId, categoryId), confirmationHistory(regionId, cycleId, categoryId)]);
    const before = history.reopens.find((r) => r.id === reopenId);
    if (!before || !freeze) throw new NotFoundError(t('未找到该更正申请', 'No such correction'));
    if (!open) throw notOpen();
    if (before.status !== 'proposed' || freeze.pendingReopenId !== reopenId) throw new ConflictError(t('该更正申请已审批', 'This correction is decided already'));
    if (before.version !== body.version) throw stale();
    const at = nowIso();
    const approve = body.decision === 'approve';
    const after: ReopenRecord = { ...before, status: approve ? 'approved' : 'rejected', decision: { by: caller.username, at, reason: body.reason }, version: before.version + 1 };
    const { pendingReopenId: _p, ...rest } = freeze;
    await storeReopen(caller, { before: freeze, after: { ...rest, status: approve ? 'reopened' : 'confirmed', version: freeze.version + 1 } }, before, after, at);
    return reopenViewOf(after);
  },
});

