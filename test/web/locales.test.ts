import { describe, expect, it } from 'vitest';
import { ROLE_NAMES } from '@shared/domain/roles.ts';
import { STAGE_NAMES } from '@shared/domain/stages.ts';
import en from '@/locales/en.json';
import zh from '@/locales/zh-CN.json';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe('locales', () => {
  it('use the regulation’s stage and role names in Chinese', () => {
    // Assess
    expect(zh.stage).toEqual(STAGE_NAMES);
    expect(zh.role).toEqual(ROLE_NAMES);
  });

  it('give English for every Chinese message', () => {
    // Assess
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });
});
