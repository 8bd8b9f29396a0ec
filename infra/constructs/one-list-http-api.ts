/**
 * OneListHttpApi: the API Gateway HTTP API in front of the API functions, built from the route
 * declarations (`infra/resources/routes.ts`): one route per declaration, integrated with the
 * declared function (payload 2.0, what the handlers and the local gateway speak), a JWT
 * authorizer on every non-public route, CORS from the shared declaration
 * (`infra/resources/cors.ts`), default-route throttling and JSON access logs.
 *
 * The authorizer authenticates (signature, issuer, audience, expiry); which role may do what
 * is decided by the handlers from the `cognito:groups` claim, against the same route table.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  type CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CORS } from '../resources/cors.ts';
import type { RouteDeclaration } from '../resources/routes.ts';
import { acknowledgeResource } from './nag.ts';

export interface ApiThrottle {
  /** Steady-state requests per second, for every route together (stage default route settings). */
  readonly rateLimit: number;
  /** Requests that may arrive at once above the steady rate. */
  readonly burstLimit: number;
}

export interface OneListHttpApiProps {
  readonly routes: readonly RouteDeclaration[];
  /** The declared functions, by id; every route's `function` must be among them. */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** The token issuer the JWT authorizer trusts (the user pool's provider URL). */
  readonly jwtIssuer: string;
  /** Accepted `aud` values (the app client ids). */
  readonly jwtAudience: readonly string[];
  /** Origins allowed by CORS; empty: no CORS configuration, no cross-origin access. */
  readonly corsOrigins: readonly string[];
  readonly throttle: ApiThrottle;
  /**
   * Route-level throttling of each public route (its own budget, lower than the stage's, so
   * that anonymous traffic cannot use up what the staff need).
   */
  readonly publicThrottle: ApiThrottle;
  /**
   * Name of the JWT authorizer (`cognito-id-token`, or `oidc-id-token` for an external issuer).
   * @default 'cognito-id-token'
   */
  readonly authorizerName?: string;
  /** @default RetentionDays.ONE_YEAR */
  readonly accessLogRetention?: RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly accessLogRemovalPolicy?: RemovalPolicy;
}

/** What every access log line records (JSON). `sub` is the caller's user id, if authenticated. */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
};

const METHODS: Readonly<Record<RouteDeclaration['method'], HttpMethod>> = {
  GET: HttpMethod.GET,
  POST: HttpMethod.POST,
  PATCH: HttpMethod.PATCH,
};

export class OneListHttpApi extends Construct {
  public readonly api: HttpApi;
  /** The `$default` stage (auto-deployed, throttled, access-logged). */
  public readonly stage: HttpStage;
  public readonly accessLogGroup: LogGroup;
  public readonly authorizer: HttpJwtAuthorizer;
  /** By operationId. */
  public readonly routes: ReadonlyMap<string, HttpRoute>;

  constructor(scope: Construct, id: string, props: OneListHttpApiProps) {
    super(scope, id);
    validateRoutes(props.routes, props.functions);
    const { throttle, publicThrottle } = props;
    for (const [what, t] of [
      ['API throttling', throttle],
      ['Public route throttling', publicThrottle],
    ] as const) {
      if (!(Number.isInteger(t.rateLimit) && t.rateLimit > 0)) {
        throw new Error(`${what}: rate limit must be a positive integer (got ${t.rateLimit})`);
      }
      if (!(Number.isInteger(t.burstLimit) && t.burstLimit > 0)) {
        throw new Error(`${what}: burst limit must be a positive integer (got ${t.burstLimit})`);
      }
    }
    if (publicThrottle.rateLimit > throttle.rateLimit || publicThrottle.burstLimit > throttle.burstLimit) {
      throw new Error(
        `Public route throttling (${publicThrottle.rateLimit}/${publicThrottle.burstLimit}) must not exceed the stage's (${throttle.rateLimit}/${throttle.burstLimit})`,
      );
    }

    this.api = new HttpApi(this, 'Api', {
      // A display name (API names need not be unique), not an identifier anything depends on.
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'One List HTTP API',
      // The default stage is added below with throttling and access logs.
      createDefaultStage: false,
      corsPreflight:
        props.corsOrigins.length === 0
          ? undefined
          : {
              allowOrigins: [...props.corsOrigins],
              allowMethods: CORS.allowMethods.map((m) => m as CorsHttpMethod),
              allowHeaders: [...CORS.allowHeaders],
              maxAge: Duration.seconds(CORS.maxAgeSeconds),
              allowCredentials: CORS.allowCredentials,
            },
    });

    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? RetentionDays.ONE_YEAR,
      removalPolicy: props.accessLogRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: throttle.rateLimit, burstLimit: throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // The authorizer checks signature, issuer, audience (`aud` or `client_id`), expiry and
    // not-before; it cannot check `token_use`, so a Cognito *access* token of the same client
    // would pass it. The API functions therefore require an ID token themselves
    // (functions/api/auth.ts), as the local gateway does.
    this.authorizer = new HttpJwtAuthorizer('CognitoIdToken', props.jwtIssuer, {
      authorizerName: props.authorizerName ?? 'cognito-id-token',
      identitySource: ['$request.header.Authorization'],
      jwtAudience: [...props.jwtAudience],
    });

    // One integration per function, shared by its routes; each route gets its own
    // lambda:InvokeFunction permission scoped to its path.
    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationOf = (fnId: string): HttpLambdaIntegration => {
      let integration = integrations.get(fnId);
      if (!integration) {
        integration = new HttpLambdaIntegration(
          `${fnId}Integration`,
          props.functions.get(fnId) as IFunction,
          {
            payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
          },
        );
        integrations.set(fnId, integration);
      }
      return integration;
    };

    const routes = new Map<string, HttpRoute>();
    // CfnStage.routeSettings is untyped JSON: CloudFormation's own (PascalCase) names.
    const publicRouteSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> =
      {};
    for (const r of props.routes) {
      const isPublic = r.auth === 'public';
      const route = new HttpRoute(this, r.operationId, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(r.path, METHODS[r.method]),
        integration: integrationOf(r.function),
        authorizer: isPublic ? undefined : this.authorizer,
      });
      if (isPublic) {
        acknowledgeResource(
          route,
          'AwsSolutions-APIG4',
          `${r.method} ${r.path} (${r.operationId}) is declared public in infra/resources/routes.ts: published, unauthenticated information anyone may read (the product's "public" role); it serves reads only (read-only function) and has its own, lower route throttle.`,
        );
        publicRouteSettings[`${r.method} ${r.path}`] = {
          ThrottlingRateLimit: publicThrottle.rateLimit,
          ThrottlingBurstLimit: publicThrottle.burstLimit,
        };
      }
      routes.set(r.operationId, route);
    }
    this.routes = routes;
    // Route settings are stage properties (the L2 stage has no API for them).
    if (Object.keys(publicRouteSettings).length > 0) {
      (this.stage.node.defaultChild as CfnStage).routeSettings = publicRouteSettings;
    }
  }

  /** The API's base URL (`https://<id>.execute-api.<region>.amazonaws.com/`). */
  public get url(): string {
    return this.stage.url;
  }

  /** The API's host (`<id>.execute-api.<region>.amazonaws.com`), as a CloudFront origin names it. */
  public get domainName(): string {
    return `${this.api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
  }
}

/** Route declarations must be unique, well formed and served by a declared function. */
export function validateRoutes(
  routes: readonly RouteDeclaration[],
  functions: ReadonlyMap<string, unknown>,
): void {
  const keys = new Set<string>();
  const operations = new Set<string>();
  for (const r of routes) {
    const key = `${r.method} ${r.path}`;
    if (keys.has(key)) throw new Error(`route ${key} is declared twice`);
    keys.add(key);
    if (operations.has(r.operationId)) throw new Error(`operationId ${r.operationId} is declared twice`);
    operations.add(r.operationId);
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(r.operationId)) {
      throw new Error(`route ${key}: operationId "${r.operationId}" must be alphanumeric`);
    }
    if (!/^(\/([A-Za-z0-9._~-]+|\{[A-Za-z0-9_]+\}))+$/.test(r.path)) {
      throw new Error(`route ${key}: path must be /-separated literals or {param} segments`);
    }
    if (!METHODS[r.method]) throw new Error(`route ${key}: unsupported method`);
    if (r.auth !== 'public' && r.auth.length === 0) {
      throw new Error(`route ${key}: auth must be 'public' or at least one role`);
    }
    if (!functions.has(r.function)) {
      throw new Error(`route ${key} is served by function "${r.function}", which is not declared`);
    }
  }
}
