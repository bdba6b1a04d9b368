// The 新建考评周期 form: draft defaults, client-side checks (shared schema + stage rules) and saving.
import { reactive, ref, watch } from 'vue';
import { checkStageDates, defaultStageDates } from '@shared/domain/stages.ts';
import { createCycleBody } from '@shared/contracts/cycles.ts';
import { createCycleApi } from '@/api/cycles';
import { useFormSubmit } from '@/composables/useFormSubmit';
import type { CreateCycleBody, CycleView } from '@/api/types';

export const defaultCycleName = (year: number) => `${year}年度绩效考评`;

export function newCycleDraft(year: number): CreateCycleBody {
  return { year, name: defaultCycleName(year), stages: defaultStageDates(year) };
}

/**
 * Field errors keyed by path (`year`, `name`, `stages.3.deadline`): the shared zod schema first,
 * then the domain's stage-order rules. Empty when the draft may be sent.
 */
export function validateCycleDraft(draft: CreateCycleBody): Record<string, string> {
  const errors: Record<string, string> = {};
  const parsed = createCycleBody.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.') || 'form';
      errors[path] ??= issue.message;
    }
  }
  for (const problem of checkStageDates(draft.stages)) errors[problem.path] ??= problem.message;
  return errors;
}

export function useCycleForm(regionId: () => string, onCreated: (cycle: CycleView) => void) {
  const draft = reactive(newCycleDraft(new Date().getFullYear() + 1));
  const errors = ref<Record<string, string>>({});
  const { saving, submit } = useFormSubmit(errors);

  watch(
    () => draft.year,
    (year, previous) => {
      if (!Number.isInteger(year)) return;
      if (draft.name === defaultCycleName(previous)) draft.name = defaultCycleName(year);
      draft.stages = defaultStageDates(year);
    },
  );

  function reset(): void {
    Object.assign(draft, newCycleDraft(new Date().getFullYear() + 1));
    errors.value = {};
  }

  async function save(): Promise<boolean> {
    errors.value = validateCycleDraft(draft);
    if (Object.keys(errors.value).length > 0) return false;
    return submit(async () => onCreated(await createCycleApi(regionId(), createCycleBody.parse(draft))));
  }

  return { draft, errors, saving, reset, save };
}
