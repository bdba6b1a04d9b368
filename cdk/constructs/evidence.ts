// Evidence files (佐证材料), uploaded with presigned URLs. Private, versioned and retained.
import { RemovalPolicy } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
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

  /** For presigned uploads (PutObject only). */
  grantUpload(grantee: IGrantable) {
    return this.bucket.grantPut(grantee);
  }

  /** For presigned downloads. */
  grantDownload(grantee: IGrantable) {
    return this.bucket.grantRead(grantee);
  }
}
