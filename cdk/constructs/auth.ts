// Who signs the tokens the HTTP API's JWT authorizer trusts. Global: a Cognito user pool of our own.
// China has no Cognito user pools, so there it is a configured OIDC issuer (notes/aws-china.md).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { AppConfig } from '../config.ts';

/** What the JWT authorizer and the web client need. */
export interface Issuer {
  issuerUrl: string;
  /** The `aud` (or `client_id`) the API accepts: the web client's id. */
  audience: string;
  /** The ID-token claim that names the person (the API matches it to a profile's username). */
  usernameClaim: string;
  /** RP logout for issuers whose discovery document has none (Cognito). */
  endSessionEndpoint?: string;
}

export interface AuthProps {
  config: AppConfig;
  /** Where the site lives, for the OAuth redirect URLs. */
  siteUrls: string[];
}

export class Auth extends Construct {
  readonly issuer: Issuer;
  readonly userPool?: UserPool;

  constructor(scope: Construct, id: string, { config, siteUrls }: AuthProps) {
    super(scope, id);
    if (config.oidc) {
      this.issuer = config.oidc;
      return;
    }

    const pool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false, // accounts are issued by the bureau
      signInAliases: { username: true },
      // Only the name: role, region and unit live on the profile in our table (functions/data/users.ts).
      standardAttributes: { fullname: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Cognito cannot require MFA per group, and admins (bureau) must use 2 factors (security M3):
      // TOTP is required for everyone (cdk-nag COG2), no SMS.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      // Plus tier: threat protection (compromised credentials, adaptive lockout) enforced (COG3/COG8).
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const client = pool.addClient('WebClient', {
      generateSecret: false, // a browser app cannot keep a secret: auth code + PKCE
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.PROFILE],
        callbackUrls: siteUrls.map((u) => `${u}/`),
        logoutUrls: siteUrls.map((u) => `${u}/`),
      },
      // A user cannot edit even their name from the client: the bureau keeps it.
      writeAttributes: new ClientAttributes(),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // Security targets: access token ≤ 15 min, absolute session ≤ 12 h.
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(12),
    });

    // Hosted sign-in for the auth-code flow; the issuer's discovery document then names its endpoints.
    const domain = pool.addDomain('Domain', { cognitoDomain: { domainPrefix: config.authDomainPrefix } });

    this.userPool = pool;
    this.issuer = {
      issuerUrl: pool.userPoolProviderUrl,
      audience: client.userPoolClientId,
      usernameClaim: 'cognito:username',
      endSessionEndpoint: `${domain.baseUrl()}/logout`,
    };
  }
}
