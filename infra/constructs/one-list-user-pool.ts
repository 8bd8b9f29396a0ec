/**
 * OneListUserPool: who may call the authenticated routes. A Cognito user pool whose users
 * are created by administrators only, one group per role, the custom attributes that tie a
 * user to a unit and a person, and one app client for the front end. The HTTP API's JWT
 * authorizer trusts this pool's issuer and this client as audience; the handlers read the
 * claims `cognito:groups`, `custom:unitId` and `custom:personId` of the ID token
 * (functions/api/auth.ts).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolRiskConfigurationAttachment,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
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
}

export class OneListUserPool extends Construct {
  public readonly userPool: UserPool;
  /** The front end's app client: public (no secret), SRP sign-in. */
  public readonly client: UserPoolClient;
  /** By role. */
  public readonly groups: ReadonlyMap<string, UserPoolGroup>;

  constructor(scope: Construct, id: string, props: OneListUserPoolProps) {
    super(scope, id);
    if (new Set(props.roles).size !== props.roles.length || props.roles.length === 0) {
      throw new Error('OneListUserPool: roles must be a non-empty list of unique names');
    }

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
      // Optional TOTP (no SMS: no SNS role, no toll fraud); risky sign-ins are challenged
      // or blocked by threat protection below (see the COG2 acknowledgement).
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
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
    acknowledgeResource(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is optional (TOTP) rather than required: accounts are issued by the supervision office to staff of every unit and subdistrict, who sign in from shared office PCs without enrolled authenticators on day one. Plus-tier threat protection compensates: compromised credentials are blocked and medium/high-risk sign-ins must pass MFA (high risk is refused without it).',
    );

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
      // Sign-in through the SDK (SRP), no hosted UI: no OAuth flows, no callback URLs.
      disableOAuth: true,
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
  }
}
