// The changes to units (add, edit, rename, retire, merge): drafts, the shared schemas' checks,
// server field errors next to the fields, and a confirmation before the irreversible ones.
import { ElMessage } from 'element-plus';
import { reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { beijingDate } from '@shared/domain/dates.ts';
import { createUnitBody, mergeUnitsBody, renameUnitBody, retireUnitBody, updateUnitBody } from '@shared/contracts/organisation.ts';
import type { CreatableUnitType } from '@shared/domain/organisation.ts';
import { useFormSubmit } from '@/composables/useFormSubmit';
import { createUnitApi, mergeUnitsApi, renameUnitApi, retireUnitApi, updateUnitApi, type UnitView } from '@/api/organisation';
import { confirmAction } from '@/utils/confirm';

export type UnitAction = 'create' | 'edit' | 'rename' | 'retire' | 'merge';

export interface UnitDraft {
  type: CreatableUnitType;
  name: string;
  shortName: string;
  assessor: boolean;
  assessorField: string;
  category: string;
  from: string;
  on: string;
  reason: string;
  /** merge: the units that go */
  sources: string[];
  /** merge: into an existing unit, or (empty) a new one from the fields above */
  intoUnitId: string;
}

const today = () => beijingDate(Date.now());

export const newDraft = (): UnitDraft => ({
  type: 'department',
  name: '',
  shortName: '',
  assessor: false,
  assessorField: '',
  category: '',
  from: today(),
  on: today(),
  reason: '',
  sources: [],
  intoUnitId: '',
});

const opt = (s: string) => s.trim() || undefined;

/** The draft an action starts from: an edit or a rename shows the unit's current values. */
export function draftFor(action: UnitAction, unit?: UnitView): UnitDraft {
  const d = newDraft();
  if (!unit) return d;
  if (action === 'rename') return { ...d, name: unit.name, shortName: unit.shortName ?? '' };
  if (action === 'edit')
    return {
      ...d,
      type: unit.type === 'bureau' ? d.type : unit.type,
      name: unit.name,
      shortName: unit.shortName ?? '',
      assessor: Boolean(unit.assessor),
      assessorField: unit.assessorField ?? '',
      category: unit.category ?? '',
    };
  if (action === 'merge') return { ...d, sources: [unit.unitId] };
  return d;
}

/** The request body for an action; `units` gives each unit's current version. */
export function bodyFor(action: UnitAction, d: UnitDraft, target: UnitView | undefined, units: readonly UnitView[]): unknown {
  const versionOf = (id: string) => units.find((u) => u.unitId === id)?.version ?? 0;
  const newUnit = {
    type: d.type,
    name: d.name,
    shortName: opt(d.shortName),
    assessor: d.assessor,
    assessorField: d.assessor ? opt(d.assessorField) : undefined,
    category: opt(d.category),
  };
  switch (action) {
    case 'create':
      return newUnit;
    case 'edit':
      // Every editable field is sent: an empty short name or category clears it.
      return {
        shortName: d.shortName.trim(),
        assessor: d.assessor,
        assessorField: d.assessor ? opt(d.assessorField) : undefined,
        category: d.category.trim(),
        version: target!.version,
      };
    case 'rename':
      return { name: d.name, shortName: d.shortName.trim(), from: d.from, version: target!.version };
    case 'retire':
      return { on: d.on, reason: d.reason, version: target!.version };
    case 'merge':
      return {
        sources: d.sources.map((unitId) => ({ unitId, version: versionOf(unitId) })),
        ...(d.intoUnitId ? { into: { unitId: d.intoUnitId, version: versionOf(d.intoUnitId) } } : { newUnit }),
        on: d.on,
        reason: d.reason,
      };
  }
}

const schemas = { create: createUnitBody, edit: updateUnitBody, rename: renameUnitBody, retire: retireUnitBody, merge: mergeUnitsBody };

/** Field errors keyed by body path (`name`, `sources.1.unitId`, `newUnit.name`); empty when valid. */
export function checkBody(action: UnitAction, body: unknown): Record<string, string> {
  const parsed = schemas[action].safeParse(body);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[i.path.join('.') || 'form'] ??= i.message;
  return errors;
}

export function useUnitForms(regionId: () => string, units: () => readonly UnitView[], onDone: () => Promise<void> | void) {
  const { t } = useI18n();
  const open = ref(false);
  const action = ref<UnitAction>('create');
  const target = ref<UnitView>();
  const draft = reactive(newDraft());
  const errors = ref<Record<string, string>>({});
  const { saving, submit } = useFormSubmit(errors);

  function start(next: UnitAction, unit?: UnitView): void {
    action.value = next;
    target.value = unit;
    Object.assign(draft, draftFor(next, unit));
    errors.value = {};
    open.value = true;
  }

  /** Sends a body `checkBody` passed, as its action's schema reads it. */
  async function send(body: unknown) {
    const id = target.value?.unitId ?? '';
    switch (action.value) {
      case 'create':
        return createUnitApi(regionId(), createUnitBody.parse(body));
      case 'edit':
        return updateUnitApi(regionId(), id, updateUnitBody.parse(body));
      case 'rename':
        return renameUnitApi(regionId(), id, renameUnitBody.parse(body));
      case 'retire':
        return retireUnitApi(regionId(), id, retireUnitBody.parse(body));
      case 'merge':
        return mergeUnitsApi(regionId(), mergeUnitsBody.parse(body));
    }
  }

  async function save(): Promise<boolean> {
    const body = bodyFor(action.value, draft, target.value, units());
    errors.value = checkBody(action.value, body);
    if (Object.keys(errors.value).length) return false;
    if (action.value === 'retire' || action.value === 'merge') {
      const names = action.value === 'retire' ? target.value!.name : draft.sources.map((id) => units().find((u) => u.unitId === id)?.name).join('、');
      const ok = await confirmAction({
        title: t(`units.${action.value}`),
        message: t(`units.${action.value}Confirm`, { names }),
        confirmText: t('action.confirm'),
        cancelText: t('action.cancel'),
        testId: `confirm-unit-${action.value}`,
      });
      if (!ok) return false;
    }
    return submit(
      async () => {
        await send(body);
        ElMessage.success(t('units.saved'));
        open.value = false;
        await onDone();
      },
      async (e) => {
        if (e.status === 409) await onDone();
      },
    );
  }

  return { open, action, target, draft, errors, saving, start, save };
}
