// Evidence files (佐证材料), uploaded with presigned URLs. Private, versioned and retained.
import { RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface EvidenceProps {
  accessLogs: IBucket;
}

export class Evidence extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, { accessLogs }: EvidenceProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Objects the portal's progress reports keep (functions/domain/evidence.ts evidenceObjectKey). */
  static readonly PREFIX = 'evidence/';

  /**
   * The functions that sign evidence URLs — progress reports (functions/handlers/api/progress-reports.ts)
   * and the assessment group's self-assessments and claims: the bucket's name, and PutObject and
   * GetObject on the evidence prefix only — what their presigned PUT and GET URLs carry, and the HEAD
   * that confirms an upload. No list, no delete. The browser PUTs and GETs with those URLs from the
   * site's origins (CORS, one rule), sending the signed content type and SHA-256.
   */
  serve(fns: readonly LambdaFunction[], siteOrigins: string[]) {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    for (const fn of fns) {
      fn.addEnvironment('EVIDENCE_BUCKET', this.bucket.bucketName);
      fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: [this.bucket.arnForObjects(`${Evidence.PREFIX}*`)] }));
      Validations.of(fn.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${Evidence.PREFIX}*]`,
        reason: 'Evidence files are keyed by region/cycle/unit/goal/period/file; the function signs URLs for any item it authorises, so it needs the whole evidence prefix (put and get only).',
      });
    }
    this.bucket.addCorsRule({
      allowedOrigins: siteOrigins,
      allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
      allowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
      exposedHeaders: ['ETag'],
      maxAge: 3000,
    });
  }

  /** For presigned uploads (PutObject only). */
  grantUpload(grantee: IGrantable) {
    return this.bucket.grantPut(grantee);
  }

  /** For presigned downloads. */
  grantDownload(grantee: IGrantable) {
    return this.bucket.grantRead(grantee);
  }
}
