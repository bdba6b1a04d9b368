// The evidence files an item keeps or adds by file id: a file already on the item stays; a new one must
// be a pending upload the item may use (signed for its scope) and be in the bucket as signed (HEAD:
// size and SHA-256). Any item with evidence resolves its list here; the caller stores the files and
// removes the uploads used in the same transaction.
import { t } from '../contracts/lang.ts';
import { ValidationError } from '../domain/errors.ts';
import type { EvidenceFile } from '../model/progress-report.ts';
import { headObject } from './evidence-store.ts';

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

export async function resolveEvidence<U extends PendingUpload>(
  fileIds: readonly string[],
  kept: readonly EvidenceFile[],
  pending: (fileId: string) => Promise<U | undefined>,
  mayUse: (upload: U) => boolean,
): Promise<{ files: EvidenceFile[]; used: U[] }> {
  const files: EvidenceFile[] = [];
  const used: U[] = [];
  for (const [i, fileId] of fileIds.entries()) {
    const have = kept.find((f) => f.fileId === fileId);
    if (have) {
      files.push(have);
      continue;
    }
    const refuse = (message: string) => new ValidationError(t('佐证材料有误', 'Evidence problem'), [{ path: `body.evidence.${i}`, message }]);
    const upload = await pending(fileId);
    if (!upload || !mayUse(upload)) throw refuse(t('未找到该文件的上传记录', 'No upload of this file was signed for this item'));
    const head = await headObject(upload.objectKey);
    if (!head) throw refuse(t(`文件「${upload.name}」尚未上传完成`, `“${upload.name}” has not finished uploading`));
    if (head.size !== upload.size || (head.sha256 !== undefined && head.sha256 !== upload.sha256)) throw refuse(t(`文件「${upload.name}」与申请上传时不一致`, `“${upload.name}” differs from the file signed for`));
    files.push({ fileId, name: upload.name, contentType: upload.contentType, size: upload.size, sha256: upload.sha256, uploadedAt: upload.signedAt, uploadedBy: upload.signedBy });
    used.push(upload);
  }
  return { files, used };
}
