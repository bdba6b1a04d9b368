// The Vue site: a private bucket behind CloudFront. Global: the L2 Distribution with origin access control.
// China: CfnDistribution with an OAI, legacy ForwardedValues and an IAM certificate, because China's
// CloudFront has no OAC and rejects cache policies (notes/aws-china.md).
//
// Security headers (functions/http/limits.ts): globally a response-headers policy adds the content
// security policy, HSTS, nosniff, X-Frame-Options, Referrer-Policy and Permissions-Policy. China's
// CloudFront takes neither response-headers policies nor CloudFront Functions (no such resource types
// in the China regions), and S3 serves only its system metadata as headers (anything else becomes
// x-amz-meta-*), so there the policy travels in index.html as <meta> elements: the CSP (without
// frame-ancestors, which browsers ignore in a <meta>) and the referrer policy. HSTS, nosniff,
// X-Frame-Options/frame-ancestors and Permissions-Policy are not sent in China (README: the gap).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, type CfnElement, DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  CfnDistribution,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginAccessIdentity,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type IDistributionRef,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { contentSecurityPolicy, originOf, SECURITY_HEADERS, type PolicyOrigins } from '../../functions/http/limits.ts';
import type { AppConfig } from '../config.ts';
import { LOG_RETENTION } from './app-function.ts';
import { repoPath } from './paths.ts';

export interface SiteProps {
  config: AppConfig;
  logs: IBucket;
  /** The CLOUDFRONT-scope web ACL to attach (global only; cdk/constructs/waf.ts). */
  webAclArn?: string;
}

/** What the web app reads at start-up from /config.json (parsed by web/src/config/runtime.ts). */
export interface RuntimeConfig {
  apiBase: string;
  auth: { mode: 'oidc'; issuer: string; clientId: string; scopes: string[]; tokenType: 'id_token' | 'access_token'; endSessionEndpoint?: string };
}

// SPA routing without edge functions (none in China): missing keys come back as index.html.
const SPA_ERRORS = [403, 404];
const TLS = 'TLSv1.2_2021';

/**
 * Whom the portal talks to besides itself: the API (its custom domain, or any execute-api endpoint of
 * the region: the API's own id cannot be named here, as the API's CORS names the distribution) and
 * the issuer (discovery and token endpoint; Cognito's hosted domain for the sign-in frame).
 */
export function policyOrigins(config: AppConfig): PolicyOrigins {
  const region = config.env.region;
  const api = config.api.domain ? `https://${config.api.domain}` : `https://*.execute-api.${region}.${Aws.URL_SUFFIX}`;
  const issuer = config.oidc
    ? [originOf(config.oidc.issuerUrl)]
    : [`https://cognito-idp.${region}.${Aws.URL_SUFFIX}`, `https://${config.authDomainPrefix}.auth.${region}.amazoncognito.com`];
  // Evidence files go to and come from the evidence bucket directly (presigned URLs, virtual-hosted style).
  const evidence = `https://*.s3.${region}.${Aws.URL_SUFFIX}`;
  return { connect: [api, evidence, ...issuer], frame: issuer };
}

/** index.html with the policy as <meta> elements at the top of <head> (China: no header can carry it). */
export function withPolicyMeta(html: string, csp: string): string {
  const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const meta =
    `<meta http-equiv="Content-Security-Policy" content="${escape(csp)}" />\n    ` +
    `<meta name="referrer" content="${SECURITY_HEADERS['referrer-policy']}" />\n    `;
  if (!/<head>\s*/.test(html)) throw new Error('index.html has no <head>');
  return html.replace(/<head>\s*/, (m) => `${m}${meta}`);
}
export class Site extends Construct {
  readonly bucket: Bucket;
  readonly distribution: IDistributionRef;
  readonly domainName: string;
  /** https origins the site is served from (CloudFront domain plus configured aliases). */
  readonly origins: string[];
  /** The content security policy the site is served under. */
  readonly csp: string;
  private readonly config: AppConfig;

  constructor(scope: Construct, id: string, { config, logs, webAclArn }: SiteProps) {
    super(scope, id);
    this.config = config;
    this.csp = contentSecurityPolicy(policyOrigins(config), { meta: config.target === 'cn' });
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site-bucket/',
      // Retained like every bucket here: deleting a non-empty bucket would fail the stack deletion anyway.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const { aliases } = config.site;

    if (config.target === 'global') {
      const certificate = config.site.acmCertificateArn
        ? Certificate.fromCertificateArn(this, 'Certificate', config.site.acmCertificateArn)
        : undefined;
      const headers = new ResponseHeadersPolicy(this, 'Headers', {
        comment: 'Portal: content security policy and security headers (functions/http/limits.ts)',
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: this.csp, override: true },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: HeadersFrameOption.SAMEORIGIN, override: true },
          referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
          strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        },
        customHeadersBehavior: { customHeaders: [{ header: 'Permissions-Policy', value: SECURITY_HEADERS['permissions-policy'], override: true }] },
      });
      const d = new Distribution(this, 'Distribution', {
        comment: `${Stack.of(this).stackName} site`,
        defaultRootObject: 'index.html',
        defaultBehavior: {
          origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          responseHeadersPolicy: headers,
        },
        webAclId: webAclArn,
        errorResponses: SPA_ERRORS.map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) })),
        certificate,
        domainNames: certificate ? aliases : undefined,
        minimumProtocolVersion: certificate ? SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
        enableLogging: true,
        logBucket: logs,
        logFilePrefix: 'cloudfront/',
      });
      this.distribution = d;
      this.domainName = d.distributionDomainName;
      if (!certificate) {
        Validations.of(d).acknowledge({ id: 'AwsSolutions-CFR4', reason: 'aws: no custom domain configured yet; the default *.cloudfront.net certificate cannot pin TLS 1.2. Set acmCertificateArn + siteAliases before go-live.' });
      }
      Validations.of(d).acknowledge({ id: 'AwsSolutions-CFR1', reason: 'No geo restriction: the public pages are open; access control is by login, not by country.' });
      if (!webAclArn) {
        Validations.of(d).acknowledge({ id: 'AwsSolutions-CFR2', reason: 'aws: the web ACL was switched off for this deployment (-c waf=false); the default attaches one (cdk/constructs/waf.ts).' });
      }
    } else {
      const oai = new OriginAccessIdentity(this, 'Oai', { comment: 'site bucket reader' });
      this.bucket.grantRead(oai);
      const cert = config.site.iamCertificateId;
      const d = new CfnDistribution(this, 'Distribution', {
        distributionConfig: {
          enabled: true,
          comment: `${Stack.of(this).stackName} site`,
          defaultRootObject: 'index.html',
          aliases: cert && aliases.length ? aliases : undefined,
          origins: [
            {
              id: 'site',
              domainName: this.bucket.bucketRegionalDomainName,
              s3OriginConfig: { originAccessIdentity: `origin-access-identity/cloudfront/${oai.originAccessIdentityId}` },
            },
          ],
          defaultCacheBehavior: {
            targetOriginId: 'site',
            viewerProtocolPolicy: 'redirect-to-https',
            allowedMethods: ['GET', 'HEAD'],
            cachedMethods: ['GET', 'HEAD'],
            compress: true,
            // Cache policies are rejected in China regions: legacy forwarded values and TTLs.
            forwardedValues: { queryString: false, cookies: { forward: 'none' } },
            minTtl: 0,
            defaultTtl: 86400,
            maxTtl: 31536000,
          },
          customErrorResponses: SPA_ERRORS.map((errorCode) => ({ errorCode, responseCode: 200, responsePagePath: '/index.html', errorCachingMinTtl: 0 })),
          viewerCertificate: cert
            ? { iamCertificateId: cert, sslSupportMethod: 'sni-only', minimumProtocolVersion: TLS }
            : { cloudFrontDefaultCertificate: true },
          logging: { bucket: logs.bucketDomainName, prefix: 'cloudfront/', includeCookies: false },
        },
      });
      this.distribution = d;
      this.domainName = d.attrDomainName;
      Validations.of(d).acknowledge(
        { id: 'AwsSolutions-CFR7', reason: 'aws-cn: AWS::CloudFront::OriginAccessControl does not exist in China regions; an OAI protects the bucket instead.' },
        { id: 'AwsSolutions-CFR1', reason: 'aws-cn: no geo restriction needed; the site serves mainland users and access control is by login.' },
        { id: 'AwsSolutions-CFR2', reason: 'aws-cn: AWS WAF is regional only in China regions (no CLOUDFRONT scope); the API has per-route throttling.' },
      );
      if (!cert) {
        Validations.of(d).acknowledge({ id: 'AwsSolutions-CFR4', reason: 'aws-cn: no IAM certificate configured yet (needs the ICP-filed domain); set iamCertificateId + siteAliases before go-live.' });
      }
    }
    this.origins = [`https://${this.domainName}`, ...aliases.map((a) => `https://${a}`)];
  }

  /** Upload web/dist plus the runtime config.json (deploy-time values: API URL, issuer, client id). */
  publish(runtime: RuntimeConfig): BucketDeployment {
    // Tests and infra-only checkouts have no web build: deploy a placeholder so synth never fails.
    const dist = repoPath('web/dist');
    const source = existsSync(dist) ? dist : repoPath('cdk/constructs/site-placeholder');
    // China: the policy goes into index.html itself (later sources overwrite earlier ones' files).
    const policyInPage = this.config.target === 'cn' ? [Source.data('index.html', withPolicyMeta(readFileSync(join(source, 'index.html'), 'utf8'), this.csp))] : [];
    const deployment = new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [Source.asset(source), ...policyInPage, Source.jsonData('config.json', runtime)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
      logGroup: new LogGroup(this, 'DeployLogs', { retention: LOG_RETENTION, removalPolicy: RemovalPolicy.RETAIN }),
    });
    this.acknowledgeDeployment(deployment);
    return deployment;
  }

  /** The deployment runs CDK's own provider Lambda (a stack-level singleton) with CDK-made permissions. */
  private acknowledgeDeployment(deployment: BucketDeployment): void {
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    // cdk-nag names the finding with the partition as rendered: a literal once enablePartitionLiterals applies.
    const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
    const why = 'CDK BucketDeployment provider (CDK-internal): copies the site assets into this bucket';
    Validations.of(deployment.handlerRole).acknowledge(
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: `${why}; basic logging policy of the provider.` },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((a) => ({ id: `AwsSolutions-IAM5[Action::${a}]`, reason: `${why}; CDK grantReadWrite action groups.` })),
      { id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`, reason: `${why}; objects of the site bucket only.` },
      { id: `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-${stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${stack.account}-${stack.region}/*]`, reason: `${why}; reads the staged asset zip from the CDK bootstrap bucket.` },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: `${why}; CloudFront CreateInvalidation/GetInvalidation have no resource-level permissions.` },
    );
    const provider = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (provider) Validations.of(provider).acknowledge({ id: 'AwsSolutions-L1', reason: `${why}; its runtime is pinned by aws-cdk-lib.` });
  }
}
