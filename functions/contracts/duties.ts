// Stage duties (SPEC "Stage transitions"; Art 12, 15): per stage, who has delivered what the stage
// asks of them and who has not, and the bureau's extension for a unit. Rules in domain/duties.ts.
import { STAGE_CODES } from '../domain/stages.ts';
import { extension } from '../model/duty.ts';
import { BUREAU_ROLES } from '../domain/roles.ts';
import { bureau, only } from './access.ts';
import { route } from './define.ts';
import { stagePath, stageUnitPath } from './paths.ts';
import { isoDate, text, z } from './zod.ts';

export const dutyLine = z.object({
  dutyId: z.string(),
  delivered: z.boolean(),
  deliveredAt: z.string().optional(),
  late: z.boolean(),
});

/** One unit in a stage: each duty, its own deadline (its extension's, if granted), and a missed deadline recorded. */
export const unitDutiesView = z.object({
  unitId: z.string(),
  unitName: z.string(),
  lines: z.array(dutyLine),
  delivered: z.boolean(),
  deadline: isoDate,
  extension: extension.optional(),
  missedDeadline: isoDate.optional(),
  missedAt: z.string().optional(),
  /** The duty record's version (0: none yet): an extension is granted on what was read. */
  version: z.number().int().min(0),
});
export type UnitDutiesView = z.infer<typeof unitDutiesView>;

export const dutyCountsView = z.object({
  total: z.number().int(),
  delivered: z.number().int(),
  outstanding: z.number().int(),
  late: z.number().int(),
  extended: z.number().int(),
});

export const stageDutiesView = z.object({
  stage: z.enum(STAGE_CODES),
  deadline: isoDate,
  /** The stage is the cycle's current one (extensions are granted only there). */
  current: z.boolean(),
  duties: z.array(z.object({ id: z.string(), who: z.enum(['unit', 'assessor']), what: z.string() })),
  items: z.array(unitDutiesView),
  counts: dutyCountsView,
});
export type StageDutiesView = z.infer<typeof stageDutiesView>;

export const grantExtensionBody = z.object({
  /** The unit's new deadline: after today (Beijing date) and after the stage deadline. */
  until: isoDate,
  reason: text({ min: 1, max: 500, multiline: true }),
  /** The duty record's version as read (0: none yet). */
  version: z.number().int().min(0),
});
export type GrantExtensionBody = z.infer<typeof grantExtensionBody>;

/** One unit's standing in a stage, as the unit reads it: what it owes, its deadline (or extension), a missed deadline. */
export const unitStageDutiesView = unitDutiesView.extend({
  stage: z.enum(STAGE_CODES),
  current: z.boolean(),
  duties: z.array(z.object({ id: z.string(), what: z.string() })),
  /** The unit may still deliver now: the stage is current and its deadline (or extension) has not passed. */
  open: z.boolean(),
});

/** The unit's own people and the bureau. */
const unitDutyReaders = only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit');

const stageDuties = '/regions/{regionId}/cycles/{cycleId}/duties/{stage}';

export const dutyRoutes = {
  getStageDuties: route({ method: 'GET', path: stageDuties, group: 'cycles', access: bureau, params: stagePath, output: stageDutiesView, summary: '阶段任务：各单位完成情况（已完成、未完成、逾期、延期）' }),
  getUnitDuties: route({ method: 'GET', path: `${stageDuties}/units/{unitId}`, group: 'cycles', access: unitDutyReaders, params: stageUnitPath, output: unitStageDutiesView, summary: '本单位在某阶段的任务、截止日期与延期' }),
  grantExtension: route({ method: 'POST', path: `${stageDuties}/units/{unitId}/extension`, group: 'cycles', access: bureau, params: stageUnitPath, body: grantExtensionBody, output: unitDutiesView, summary: '绩效办为单位办理阶段延期' }),
};
