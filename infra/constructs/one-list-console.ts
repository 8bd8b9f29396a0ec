/**
 * OneListConsole: the web console on AWS. The built single-page app (web/dist) in a private S3
 * bucket (public access blocked, SSL enforced, S3-managed encryption, no website hosting) that
 * only CloudFront reads, through origin access control; CloudFront serves it over HTTPS only,
 * with a response headers policy (a strict Content-Security-Policy, HSTS, nosniff, no
 * framing, no referrer) and client-side routes answered with index.html by a viewer-request
 * function, so that a missing file (or a missing /config.json) is never disguised as the app.
 *
 * Two steps, because the API and the sign-in need the console's origin (CORS, callback URLs)
 * and config.json needs theirs: the constructor makes the bucket and the distribution;
 * `deploy(config)` then uploads the build and writes config.json (deploy-time values:
 * the user pool client id) with BucketDeployment. `routeApi(apiDomain)` serves the API's
 * `/v1/*` from the distribution itself (the public reads cached), so the hosted console calls
 * its API same-origin: the API's CORS no longer names the distribution, and the distribution
 * may name the API's host without a dependency cycle.
 */
import { Aws, CfnResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  type IOrigin,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { CONFIG_PATH, type ConsoleConfig } from '../resources/console.ts';
import { acknowledge, acknowledgeResource } from './nag.ts';

/** A custom domain for the console: its name and an ACM certificate in us-east-1 (CloudFront's). */
export interface ConsoleDomain {
  readonly domainName: string;
  readonly certificateArn: string;
}

export interface OneListConsoleProps {
  /** The built console (index.html and assets/): web/dist. */
  readonly assetDir: string;
  /** Origins the console may call besides its own (`connect-src`): the API, the sign-in endpoints. */
  readonly connectSources: readonly string[];
  readonly domain?: ConsoleDomain;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The console's Content-Security-Policy: everything from the console's own origin, scripts
 * and styles included (no inline script, no eval, no inline `<style>`), images and fonts also
 * as data: URIs (the build inlines small ones), XHR/fetch to the API and the sign-in origins
 * only, no plugins, no framing by anyone, no `<base>`, forms only to itself.
 */
export function consoleCsp(connectSources: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The viewer-request function (cloudfront-js-2.0): a path whose last segment has no dot is a
 * client-side route and gets /index.html; files (assets, /config.json) are asked of S3 as they
 * are, so a missing one stays an error instead of the app.
 */
export const SPA_ROUTING_FUNCTION = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/** The public reads of the API that the distribution caches (issue 12 §2): the board. */
export const PUBLIC_API_PATH = '/v1/public/*';
/** Every other path of the API: served by the distribution too, never cached. */
export const API_PATH = '/v1/*';
/** The longest CloudFront keeps a public answer whatever the origin says (it says 60 s). */
export const PUBLIC_API_MAX_TTL = Duration.days(1);

/** A year, for hashed (immutable) assets; index.html and config.json are revalidated every time. */
const ASSET_CACHE = [
  CacheControl.setPublic(),
  CacheControl.maxAge(Duration.days(365)),
  CacheControl.immutable(),
];
const ENTRY_CACHE = [CacheControl.noCache()];

export class OneListConsole extends Construct {
  public readonly bucket: Bucket;
  public readonly distribution: Distribution;
  /** `https://<id>.cloudfront.net` (a deploy-time value). */
  public readonly distributionOrigin: string;
  /** Every origin the console is served from: the distribution's, then the custom domain's. */
  public readonly origins: readonly string[];
  private readonly assetDir: string;
  private readonly headers: ResponseHeadersPolicy;
  private deployed = false;

  constructor(scope: Construct, id: string, props: OneListConsoleProps) {
    super(scope, id);
    this.assetDir = props.assetDir;

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // A deploy overwrites index.html and config.json: the previous ones stay a month, to roll back.
      versioned: true,
      lifecycleRules: [
        {
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      // Kept when the stack goes (in dev too): emptying it would need one more custom resource.
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      autoDeleteObjects: false,
    });
    acknowledgeResource(
      this.bucket,
      'AwsSolutions-S1',
      'The bucket holds only the console build (public JavaScript, CSS, fonts and config.json), written by the deployment and read only by CloudFront through origin access control; who reads which data is recorded by the API access logs, and the deployment by CloudTrail. Server access logs would record nothing worth keeping.',
    );

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'One List console: strict CSP, HSTS, nosniff, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: consoleCsp(props.connectSources), override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=()',
            override: true,
          },
        ],
      },
    });

    this.headers = headers;
    const routing = new CloudFrontFunction(this, 'SpaRouting', {
      comment: 'Client-side routes (no file extension) get /index.html',
      code: FunctionCode.fromInline(SPA_ROUTING_FUNCTION),
      runtime: FunctionRuntime.JS_2_0,
    });

    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const common = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      responseHeadersPolicy: headers,
      compress: true,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `One List console (${Stack.of(this).stackName})`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        ...common,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [{ function: routing, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // Read at every start: a deploy's new API URL or client id is seen at once.
        [CONFIG_PATH]: { ...common, cachePolicy: CachePolicy.CACHING_DISABLED },
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      ...(props.domain
        ? {
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            domainNames: [props.domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
          }
        : {}),
    });
    const reasons: [string, string][] = [
      [
        'AwsSolutions-CFR1',
        'No geo restriction: the public board is published information for anyone, wherever they read it (residents abroad, the press); the data behind sign-in is protected by the identity provider and the API, not by the reader’s country.',
      ],
      [
        'AwsSolutions-CFR2',
        'No WAF web ACL on the console: it serves only static, public files (no forms, no query processing, no origin to attack but a private bucket); the API has its own stage and per-route throttles. A district that must have WAF attaches its web ACL (webAclId) without code changes.',
      ],
      [
        'AwsSolutions-CFR3',
        'No CloudFront access logs: the distribution serves only the static console build; every data access goes through the API, whose access logs (kept a year in prod) record caller, route and status. Standard logs would need an ACL-enabled logging bucket for requests of public files.',
      ],
    ];
    if (!props.domain) {
      reasons.push(
        [
          'AwsSolutions-CFR4',
          'Without a custom domain the distribution uses the *.cloudfront.net certificate, whose security policy CloudFront fixes (TLSv1 minimum) and no setting can change; with context consoleDomain + consoleCertificateArn it uses TLSv1.2_2021.',
        ],
        [
          'AwsSolutions-CFR5',
          'Same as CFR4: the viewer protocol of the default *.cloudfront.net certificate cannot be set; the origin is S3 through origin access control (HTTPS, SigV4), not a custom origin with an SSL protocol to choose.',
        ],
      );
    }
    for (const [rule, reason] of reasons) acknowledgeResource(this.distribution, rule, reason);

    this.distributionOrigin = `https://${this.distribution.distributionDomainName}`;
    this.origins = [this.distributionOrigin, ...(props.domain ? [`https://${props.domain.domainName}`] : [])];
  }

  /**
   * Serves the API's public reads (`/v1/public/*`) from this distribution, cached as the API
   * says: the cache policy keeps the origin's `Cache-Control` (default TTL 0, so an answer
   * without one is not kept; at most a day), keys on the query string (page, filters, cursor)
   * and on nothing else — no cookie, no header, so no `Authorization` reaches the cache key or
   * the origin — and CloudFront revalidates a stale answer with the origin's `ETag`
   * (If-None-Match → 304). GET and HEAD only. `apiDomainName`: the HTTP API's host
   * (`<id>.execute-api.<region>.amazonaws.com`) or its custom domain.
   */
  public routePublicApi(apiDomainName: string): void {
    const cachePolicy = new CachePolicy(this, 'PublicApiCache', {
      comment: 'One List public API reads: the origin’s Cache-Control and ETag; query strings in the key',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: PUBLIC_API_MAX_TTL,
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.distribution.addBehavior(PUBLIC_API_PATH, this.apiOrigin(apiDomainName), {
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy,
      responseHeadersPolicy: this.headers,
      compress: true,
    });
  }

  /**
   * The whole API at the console's own origin (`/v1/*`), so the hosted console calls it
   * same-origin (config.json's apiUrl is ''; no CORS, no preflight): first the cached public
   * reads (routePublicApi), then every other `/v1/*` path uncached (CachingDisabled), every
   * method, with all the viewer's headers, cookies and query strings except Host
   * (AllViewerExceptHostHeader: with caching disabled this forwards `Authorization`, and
   * `Idempotency-Key`, `If-None-Match`, `Content-Type` reach the origin as sent; the origin
   * sees its own Host, as API Gateway requires). CloudFront matches behaviours in order:
   * the public one is added first.
   */
  public routeApi(apiDomainName: string): void {
    this.routePublicApi(apiDomainName);
    this.distribution.addBehavior(API_PATH, this.apiOrigin(apiDomainName), {
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.headers,
      compress: true,
    });
  }

  private readonly apiOrigins = new Map<string, IOrigin>();
  /** One origin per API host, shared by its behaviours. */
  private apiOrigin(apiDomainName: string): IOrigin {
    let origin = this.apiOrigins.get(apiDomainName);
    if (!origin) {
      origin = new HttpOrigin(apiDomainName);
      this.apiOrigins.set(apiDomainName, origin);
    }
    return origin;
  }

  /**
   * Uploads the build and writes config.json: hashed assets cached for a year (older ones
   * kept for tabs still open), index.html and config.json revalidated on every load and
   * invalidated in CloudFront. Called once, when the API and the sign-in exist.
   */
  public deploy(config: ConsoleConfig): void {
    if (this.deployed) throw new Error('OneListConsole.deploy: called twice');
    this.deployed = true;
    const assets = new BucketDeployment(this, 'Assets', {
      sources: [Source.asset(this.assetDir, { exclude: ['index.html', 'config.json'] })],
      destinationBucket: this.bucket,
      cacheControl: ASSET_CACHE,
      prune: false,
      memoryLimit: 512,
    });
    const entry = new BucketDeployment(this, 'Entry', {
      sources: [
        Source.asset(this.assetDir, { exclude: ['*', '!index.html'] }),
        Source.jsonData(CONFIG_PATH.slice(1), config),
      ],
      destinationBucket: this.bucket,
      cacheControl: ENTRY_CACHE,
      prune: false,
      memoryLimit: 512,
      distribution: this.distribution,
      distributionPaths: ['/', '/index.html', CONFIG_PATH],
    });
    // index.html names the assets: upload them first.
    entry.node.addDependency(assets);
    this.acknowledgeDeploymentHandler();
  }

  /**
   * BucketDeployment's handler (one per stack, aws-cdk-lib's own code): its findings, on
   * exactly its function, role and policy.
   */
  private acknowledgeDeploymentHandler(): void {
    const stack = Stack.of(this);
    const handlers = stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handlers.length === 0) throw new Error('OneListConsole: BucketDeployment handler not found');
    for (const handler of handlers) {
      const fn = handler.node.defaultChild;
      const role = handler.node.findChild('ServiceRole');
      const policy = role.node.findChild('DefaultPolicy').node.defaultChild;
      if (!CfnResource.isCfnResource(fn) || !policy || !CfnResource.isCfnResource(policy)) {
        throw new Error('OneListConsole: unexpected BucketDeployment handler shape');
      }
      acknowledgeResource(
        fn,
        'AwsSolutions-L1',
        'aws-cdk-lib’s BucketDeployment handler runs on the Python runtime that the pinned aws-cdk-lib ships and tests it with; it runs only during deploys and moves with aws-cdk-lib upgrades.',
      );
      acknowledge(
        role.node.defaultChild as CfnResource,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'The BucketDeployment handler’s role writes its own CloudWatch logs through the AWS managed basic execution policy, as aws-cdk-lib creates it; it holds no other managed policy.',
      );
      const copy =
        'BucketDeployment copies the staged build from the CDK assets bucket into the console bucket: it reads and lists the asset objects (GetObject*, GetBucket*, List*) and writes, aborts and deletes objects of the console bucket only (its prefix /*), as aws-cdk-lib grants them.';
      for (const finding of [
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
        `Resource::<${stack.resolve((this.bucket.node.defaultChild as CfnResource).logicalId)}.Arn>/*`,
        'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      ]) {
        acknowledge(policy, `AwsSolutions-IAM5[${finding}]`, copy);
      }
      acknowledge(
        policy,
        'AwsSolutions-IAM5[Resource::*]',
        'cloudfront:CreateInvalidation and GetInvalidation after the upload (index.html, config.json): aws-cdk-lib grants them on "*", and CloudFront invalidations support no narrower resource for GetInvalidation.',
      );
    }
  }
}

/** The https origin of a URL (`https://host[:port]`), as CSP and CORS name it. */
export function originOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

/** Cognito's endpoints in this stack's region (`amazonaws.com`, or `amazonaws.com.cn` in China). */
export const cognitoIdpOrigin = (): string => `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}`;

/** The origin of a Cognito prefix domain, as UserPoolDomain.baseUrl() builds it. */
export const cognitoDomainOrigin = (prefix: string): string =>
  `https://${prefix}.auth.${Aws.REGION}.amazoncognito.com`;

/** Every HTTP API of this stack's region (the exact one would depend on the API: a cycle). */
export const executeApiOrigins = (): string => `https://*.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
