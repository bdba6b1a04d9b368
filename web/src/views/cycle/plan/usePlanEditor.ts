// The plan editor of one cycle: category tabs, the draft plan of the selected category, save
// (with a reason once past the plan stage), versions, and sheet import/export/template.
import { ElMessage, ElMessageBox } from 'element-plus';
import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { templateRows, type RowError } from '@shared/domain/plan-rows.ts';
import { ApiError } from '@/api/http';
import { getCategoriesApi, type CategoryView } from '@/api/organisation';
import { decidePlanProposalApi, type DecidePlanProposalBody } from '@/api/plan-approval';
import { getPlanApi, importPlanApi, listPlanVersionsApi, savePlanApi, type CategoryPlan, type PlanVersionInfo, type PlanView } from '@/api/plan';
import { downloadBlob } from '@/utils/download';
import { marksOf, serverErrorsById } from './plan-draft';
import { readFirstSheet } from '@/utils/xlsx';
import { errorsWorkbook, planWorkbook, treeWorkbook } from './plan-xlsx';

export function usePlanEditor(regionId: () => string, cycleId: () => string) {
  const { t } = useI18n();
  const categories = shallowRef<CategoryView[]>([]);
  const categoryId = ref('');
  const view = shallowRef<PlanView>();
  const draft = ref<CategoryPlan>();
  const versions = shallowRef<PlanVersionInfo[]>([]);
  const serverErrors = ref<Map<string, string[]>>(new Map());
  const importErrors = ref<RowError[]>([]);
  const loading = ref(false);
  const saving = ref(false);

  const marks = computed(() => (draft.value ? marksOf(draft.value) : new Map<string, string[]>()));
  const unitName = (id: string) => view.value?.assessors.find((u) => u.unitId === id)?.name ?? id;

  async function loadCategories() {
    categories.value = (await getCategoriesApi(regionId(), cycleId())).categories;
    if (!categories.value.some((c) => c.categoryId === categoryId.value)) categoryId.value = categories.value[0]?.categoryId ?? '';
  }

  async function load(version?: number) {
    if (!categoryId.value) return;
    loading.value = true;
    try {
      const [v, list] = await Promise.all([
        getPlanApi(regionId(), cycleId(), categoryId.value, version),
        listPlanVersionsApi(regionId(), cycleId(), categoryId.value),
      ]);
      view.value = v;
      versions.value = list.items;
      draft.value = structuredClone(v.plan);
      serverErrors.value = new Map();
    } finally {
      loading.value = false;
    }
  }

  async function init() {
    loading.value = true;
    try {
      await loadCategories();
    } finally {
      loading.value = false;
    }
    await load();
  }

  /** Asks for the reason a version needs; undefined when the user cancels. */
  async function reasonIfNeeded(): Promise<string | null | undefined> {
    if (!view.value?.reasonRequired) return null;
    try {
      const { value } = await ElMessageBox.prompt(t('plan.msg.reasonPrompt'), t('plan.msg.reasonTitle'), {
        inputValidator: (v) => (v?.trim().length ?? 0) >= 2 || t('plan.msg.reasonTooShort'),
      });
      return value.trim();
    } catch {
      return undefined;
    }
  }

  /** Past the plan stage a save is a proposal for the bureau leader; the version in force stays. */
  const savedMessage = (v: PlanView) => (v.proposal?.status === 'proposed' && v.reasonRequired ? t('plan.msg.proposed', { seq: v.proposal.seq }) : t('plan.msg.saved', { version: v.version }));

  /** The bureau leader's decision on the pending proposal; the page then shows the version in force. */
  async function decide(body: DecidePlanProposalBody) {
    try {
      const v = await decidePlanProposalApi(regionId(), cycleId(), categoryId.value, body);
      applySaved(v, body.decision === 'approve' ? t('plan.msg.approved', { version: v.version }) : t('plan.msg.rejected'));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      ElMessage.error(e.message);
      await load();
    }
  }

  function applySaved(v: PlanView, message: string) {
    view.value = v;
    draft.value = structuredClone(v.plan);
    serverErrors.value = new Map();
    ElMessage.success(v.balanced ? message : t('plan.msg.unbalanced', { message }));
    void listPlanVersionsApi(regionId(), cycleId(), categoryId.value).then((l) => (versions.value = l.items));
  }

  async function save() {
    if (!view.value || !draft.value) return;
    const reason = await reasonIfNeeded();
    if (reason === undefined) return;
    saving.value = true;
    try {
      const v = await savePlanApi(regionId(), cycleId(), categoryId.value, { revision: view.value.revision, ...(reason ? { reason } : {}), plan: draft.value });
      applySaved(v, savedMessage(v));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      serverErrors.value = serverErrorsById(draft.value, e.details);
      ElMessage.error(e.message);
    } finally {
      saving.value = false;
    }
  }

  async function importFile(file: File) {
    if (!view.value) return;
    const rows = await readFirstSheet(await file.arrayBuffer());
    const reason = await reasonIfNeeded();
    if (reason === undefined) return;
    importErrors.value = [];
    try {
      const v = await importPlanApi(regionId(), cycleId(), categoryId.value, { revision: view.value.revision, ...(reason ? { reason } : {}), rows });
      applySaved(v, v.proposal?.status === 'proposed' && v.reasonRequired ? t('plan.msg.proposed', { seq: v.proposal.seq }) : t('plan.msg.imported'));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const rowErrors = (e.details as Partial<RowError & { reason: string }>[]).filter((d) => d.row !== undefined);
      importErrors.value = rowErrors.map((d) => ({ row: d.row!, column: d.column!, message: d.reason ?? d.message! }));
      if (!rowErrors.length) ElMessage.error(e.message);
    }
  }

  const categoryName = () => categories.value.find((c) => c.categoryId === categoryId.value)?.name ?? categoryId.value;
  const downloadTemplate = async () => downloadBlob(await planWorkbook(templateRows(), t('plan.file.sheet')), t('plan.file.template'));
  const exportTree = async () =>
    draft.value && downloadBlob(await treeWorkbook(draft.value.tree, unitName, t('plan.file.sheet')), t('plan.file.export', { cycle: cycleId(), category: categoryName() }));
  const downloadErrors = async () =>
    downloadBlob(await errorsWorkbook(importErrors.value, [t('plan.row'), t('plan.column'), t('plan.reason')], t('plan.file.errorsSheet')), t('plan.file.errors'));

  return { categories, categoryId, view, draft, versions, marks, serverErrors, importErrors, loading, saving, init, load, save, decide, importFile, downloadTemplate, exportTree, downloadErrors, unitName };
}
