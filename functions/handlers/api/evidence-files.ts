// Evidence files an item references (progress reports, self-assessments): a file already on the item
// is kept as it is; a new one must be a pending upload signed for this item's scope (the caller's
// `find` decides what scope means) and must sit in the bucket as signed — same size and SHA-256.
import { t } from '../../contracts/lang.ts';
import { headObject } from '../../data/evidence-store.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { EvidenceFile } from '../../model/progress-report.ts';

/** What a pending upload records when its URL is signed (model/progress-report.ts evidenceUploadRecord, model/self-assessment.ts). */
export interface PendingUpload {
  fileId: string;
  name: string;
  contentType: EvidenceFile['contentType'];
  size: number;
  sha256: string;
  objectKey: string;
  signedAt: string;
  signedBy: string;
}

/** The files an item keeps or adds, and the pending uploads it now uses (to be removed in its commit). */
export async function confirmEvidence<U extends PendingUpload>(
  fileIds: readonly string[],
  kept: readonly EvidenceFile[],
  find: (fileId: string) => Promise<U | undefined>,
  notSigned: string,
): Promise<{ files: EvidenceFile[]; used: U[] }> {
  const files: EvidenceFile[] = [];
  const used: U[] = [];
  for (const [i, fileId] of fileIds.entries()) {
    const have = kept.find((f) => f.fileId === fileId);
    if (have) {
      files.push(have);
      continue;
    }
    const upload = await find(fileId);
    const refuse = (message: string) => new ValidationError(t('佐证材料有误', 'Evidence problem'), [{ path: `body.evidence.${i}`, message }]);
    if (!upload) throw refuse(notSigned);
    const head = await headObject(upload.objectKey);
    if (!head) throw refuse(t(`文件「${upload.name}」尚未上传完成`, `“${upload.name}” has not finished uploading`));
    if (head.size !== upload.size || (head.sha256 !== undefined && head.sha256 !== upload.sha256)) throw refuse(t(`文件「${upload.name}」与申请上传时不一致`, `“${upload.name}” differs from the file signed for`));
    files.push({ fileId, name: upload.name, contentType: upload.contentType, size: upload.size, sha256: upload.sha256, uploadedAt: upload.signedAt, uploadedBy: upload.signedBy });
    used.push(upload);
  }
  return { files, used };
}
