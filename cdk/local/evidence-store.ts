// The evidence bucket locally: s3rver (pure JavaScript S3) beside DynamoDB Local, its files under the
// stack's data directory (a temporary one without it). The handlers reach it through S3_ENDPOINT and
// EVIDENCE_BUCKET; the browser PUTs and GETs to it directly with the signed URLs, so the bucket allows
// the portal's origin (CORS) as the deployed bucket does (cdk/constructs/evidence.ts).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export const EVIDENCE_BUCKET = 'jixiao-evidence-local';

const CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export interface EvidenceStore {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

export async function startEvidenceStore(dataDir?: string): Promise<EvidenceStore> {
  const directory = dataDir ? join(dataDir, 'evidence') : mkdtempSync(join(tmpdir(), 'jixiao-evidence-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: EVIDENCE_BUCKET, configs: [CORS] }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: EVIDENCE_BUCKET,
    stop: async () => {
      await server.close();
      if (!dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}
