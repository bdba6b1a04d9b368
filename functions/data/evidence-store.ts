// The evidence bucket: presigned PUT and GET URLs, and the HEAD that confirms an upload. Files never
// pass through the API. Locally (cdk/local/stack.ts) S3_ENDPOINT points the same code at s3rver,
// which checks neither signatures nor checksums: the rules (type, size, key scope) are decided here,
// when signing, and S3 itself enforces what is signed in AWS.
import { randomBytes } from 'node:crypto';
import { HeadObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, NotFound } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { env } from '../config/env.ts';
import { attachment, DOWNLOAD_URL_SECONDS, UPLOAD_URL_SECONDS } from '../domain/evidence.ts';

let client: S3Client | undefined;
let clientEndpoint: string | undefined;

function s3(): S3Client {
  const endpoint = env.s3Endpoint;
  if (!client || endpoint !== clientEndpoint) {
    clientEndpoint = endpoint;
    // The checksum the browser sends is the one signed in: no SDK-computed checksum of an empty body.
    const base = { requestChecksumCalculation: 'WHEN_REQUIRED' as const };
    client = new S3Client(endpoint ? { ...base, endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : base);
  }
  return client;
}

/** A new file id: 20 random base-36 characters (model/progress-report.ts fileId). */
export function newFileId(): string {
  return [...randomBytes(20)].map((b) => (b % 36).toString(36)).join('');
}

export interface SignedUpload {
  url: string;
  /** The headers the browser must send with the PUT: each is signed, so S3 refuses another type, size or file. */
  headers: Record<string, string>;
  expiresAt: string;
}

/** A PUT URL for exactly this object, type, size and SHA-256 (base64). */
export async function signUpload(objectKey: string, contentType: string, size: number, sha256: string, now: number): Promise<SignedUpload> {
  const command = new PutObjectCommand({ Bucket: env.evidenceBucket, Key: objectKey, ContentType: contentType, ContentLength: size, ChecksumSHA256: sha256 });
  const url = await getSignedUrl(s3(), command, {
    expiresIn: UPLOAD_URL_SECONDS,
    signableHeaders: new Set(['content-type', 'content-length', 'x-amz-checksum-sha256']),
    unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
  });
  return { url, headers: { 'content-type': contentType, 'x-amz-checksum-sha256': sha256 }, expiresAt: new Date(now + UPLOAD_URL_SECONDS * 1000).toISOString() };
}

/** A GET URL that downloads the object under its own name. */
export async function signDownload(objectKey: string, name: string): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: env.evidenceBucket, Key: objectKey, ResponseContentDisposition: attachment(name) }), { expiresIn: DOWNLOAD_URL_SECONDS });
}

/** The stored object's size, type and SHA-256 (when S3 kept it), or undefined when nothing is there. */
export async function headObject(objectKey: string): Promise<{ size: number; contentType?: string; sha256?: string } | undefined> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: env.evidenceBucket, Key: objectKey, ChecksumMode: 'ENABLED' }));
    return { size: head.ContentLength ?? 0, ...(head.ContentType ? { contentType: head.ContentType } : {}), ...(head.ChecksumSHA256 ? { sha256: head.ChecksumSHA256 } : {}) };
  } catch (e) {
    if (e instanceof NotFound || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
    throw e;
  }
}

/** Puts a file directly (demo data only: the portal always uploads through a signed URL). */
export async function putObject(objectKey: string, body: Uint8Array, contentType: string, sha256: string): Promise<void> {
  await s3().send(new PutObjectCommand({ Bucket: env.evidenceBucket, Key: objectKey, Body: body, ContentType: contentType, ChecksumSHA256: sha256 }));
}
