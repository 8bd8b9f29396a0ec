/**
 * OneListUserPool: who may call the authenticated routes. A Cognito user pool whose users
 * are created by administrators only, one group per role, the custom attributes that tie a
 * user to a unit and a person, and one app client for the front end. The HTTP API's JWT
 * authorizer trusts this pool's issuer and this client as audience; the handlers read the
 * claims `cognito:groups`, `custom:unitId` and `custom:personId` of the ID token
 * (functions/api/auth.ts).
 */
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolRiskConfigurationAttachment,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolEmail,
  type UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledgeResource } from './nag.ts';

/** The custom attributes of a user, as they appear in the ID token (`custom:<name>`). */
export const CUSTOM_ATTRIBUTES = ['unitId', 'personId'] as const;

export interface OneListUserPoolProps {
  /** One group per role; the group name is the role, carried in `cognito:groups`. */
  readonly roles: readonly string[];
  /**
   * ENFORCED blocks or challenges risky sign-ins (prod); AUDIT only records the risk (dev).
   * @default StandardThreatProtectionMode.FULL_FUNCTION
   */
  readonly threatProtection?: StandardThreatProtectionMode;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** @default true */
  readonly deletionProtection?: boolean;
  /**
   * `required`: every user enrols a TOTP authenticator at first sign-in (prod: commanders and
   * office staff issue orders to every unit). `optional`: users may (dev).
   * @default 'required'
   */
  readonly mfa?: 'required' | 'optional';
  /**
   * Send Cognito's e-mail (invitations, codes) through Amazon SES from this verified identity:
   * an e-mail address, or a domain (sent from `no-reply@<domain>`). The identity must be
   * verified in SES in the stack's region (and out of the SES sandbox to reach everyone).
   * @default - Cognito's own sender (a low daily quota: too few to invite a district's staff)
   */
  readonly sesIdentity?: string;
  /**
   * Managed login for the web console: the authorization code grant (with PKCE: the client
   * has no secret) on a Cognito prefix domain, redirecting back to `callbackUrls` and, after
   * sign-out, to `logoutUrls`.
   */
  readonly managedLogin: ManagedLoginSettings;
}

export interface ManagedLoginSettings {
  /** `<prefix>.auth.<region>.amazoncognito.com`: lower-case letters, digits and hyphens. */
  readonly domainPrefix: string;
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];
}

/** The scopes of the console's ID token (OIDC_SCOPES in infra/resources/console.ts). */
const SCOPES = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE];

/** Cognito's e-mail settings for an SES identity (an address, or a domain). */
export function sesEmail(identity: string): UserPoolEmail {
  const isAddress = identity.includes('@');
  if (!(isAddress ? /^[^@\s]+@[^@\s]+\.[^@\s]+$/ : /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i).test(identity)) {
    throw new Error(
      `context "sesIdentity" must be a verified SES e-mail address or domain (got "${identity}")`,
    );
  }
  return UserPoolEmail.withSES({
    fromEmail: isAddress ? identity : `no-reply@${identity}`,
    fromName: 'One List',
    // The stack is environment-agnostic: the identity is in the region it is deployed to.
    sesRegion: Aws.REGION,
    ...(isAddress ? {} : { sesVerifiedDomain: identity }),
  });
}

export class OneListUserPool extends Construct {
  public readonly userPool: UserPool;
  /** The front end's app client: public (no secret), authorization code with PKCE, or SRP. */
  public readonly client: UserPoolClient;
  /** Managed login (version 2) on a Cognito prefix domain. */
  public readonly domain: UserPoolDomain;
  /** By role. */
  public readonly groups: ReadonlyMap<string, UserPoolGroup>;

  constructor(scope: Construct, id: string, props: OneListUserPoolProps) {
    super(scope, id);
    if (new Set(props.roles).size !== props.roles.length || props.roles.length === 0) {
      throw new Error('OneListUserPool: roles must be a non-empty list of unique names');
    }

    const mfaMode = props.mfa ?? 'required';
    this.userPool = new UserPool(this, 'Resource', {
      // Accounts are issued by the supervision office (AdminCreateUser), never self-registered.
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: false },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // TOTP only (no SMS: no SNS role, no toll fraud). Required in prod; optional in dev,
      // where risky sign-ins are still challenged or blocked by threat protection below.
      mfa: mfaMode === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      email: props.sesIdentity ? sesEmail(props.sesIdentity) : undefined,
      customAttributes: Object.fromEntries(
        CUSTOM_ATTRIBUTES.map((name) => [
          name,
          new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        ]),
      ),
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: props.threatProtection ?? StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    if (mfaMode === 'optional') {
      acknowledgeResource(
        this.userPool,
        'AwsSolutions-COG2',
        'MFA is optional (TOTP) in the dev stage only, whose users are developers and testers with invented data; prod requires it. Plus-tier threat protection still blocks compromised credentials and makes medium/high-risk sign-ins pass MFA.',
      );
    }

    // Adaptive authentication: what threat protection does per risk level (ENFORCED mode).
    new CfnUserPoolRiskConfigurationAttachment(this, 'RiskConfiguration', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      accountTakeoverRiskConfiguration: {
        actions: {
          lowAction: { eventAction: 'NO_ACTION', notify: false },
          mediumAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
          highAction: { eventAction: 'MFA_REQUIRED', notify: false },
        },
      },
      compromisedCredentialsRiskConfiguration: {
        actions: { eventAction: 'BLOCK' },
        eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
      },
    });

    const groups = new Map<string, UserPoolGroup>();
    props.roles.forEach((role, precedence) => {
      groups.set(
        role,
        this.userPool.addGroup(`Group-${role}`, {
          groupName: role,
          description: `One List role "${role}": carried in the cognito:groups claim`,
          precedence,
        }),
      );
    });
    this.groups = groups;

    const custom = CUSTOM_ATTRIBUTES.map((name) => name as string);
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      // Managed login: the authorization code grant only (no implicit grant). The client has
      // no secret, so Cognito requires nothing but the code and the PKCE verifier at the
      // token endpoint; the console always sends an S256 code challenge (oidc-client-ts).
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: SCOPES,
        callbackUrls: [...props.managedLogin.callbackUrls],
        logoutUrls: [...props.managedLogin.logoutUrls],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      // The ID token carries only the attributes the client may read.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...custom),
      // Users may not move themselves to another unit or person: only administrators write these.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.managedLogin.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login (v2) shows a client's pages only once it has a branding style: Cognito's own.
    const branding = new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);
  }
}
