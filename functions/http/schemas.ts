// Input schemas: the API validates with them and the web client shares their types.
// Namespace import plus one locale: importing `{ z }` would pull every locale into each bundle (~450 KB).
import * as z from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { STAGE_CODES } from '../domain/stages.ts';
import { isIsoDate } from '../domain/dates.ts';

z.config(zhCN());

const isoDate = z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD' });

export const stageDatesSchema = z.object({
  code: z.enum(STAGE_CODES),
  opensOn: isoDate,
  deadline: isoDate,
});

export const createCycleBody = z.object({
  year: z.number().int().min(2020).max(2100),
  name: z.string().trim().min(2).max(60),
  stages: z.array(stageDatesSchema).length(STAGE_CODES.length),
});
export type CreateCycleBody = z.infer<typeof createCycleBody>;

export const advanceStageBody = z.object({
  /** The stage the bureau saw as current: protects against advancing twice. */
  stage: z.number().int().min(1).max(STAGE_CODES.length),
  /** The cycle version the bureau saw (optimistic lock). */
  version: z.number().int().min(1),
});
export type AdvanceStageBody = z.infer<typeof advanceStageBody>;

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2048).optional(),
});

export const auditQuery = pageQuery.extend({
  month: z.string().regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM'),
});

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

/** Local token issuer: a person replaces a temporary or expired password. */
export const changePasswordBody = loginBody.extend({ newPassword: z.string().min(1).max(128) });
