/**
 * The one declaration of the HTTP API's throttling defaults, read by the CDK stack (stage and
 * route settings) and by the local gateway (the same token buckets), each overridable by CDK
 * context: `apiThrottleRateLimit`, `apiThrottleBurstLimit` (the stage: every route together),
 * `publicApiThrottleRateLimit`, `publicApiThrottleBurstLimit` (each public route on its own).
 */
export interface Throttle {
  /** Steady-state requests per second. */
  readonly rateLimit: number;
  /** Requests that may arrive at once above the steady rate. */
  readonly burstLimit: number;
}

export const DEFAULT_API_THROTTLE: Throttle = { rateLimit: 50, burstLimit: 100 };
export const DEFAULT_PUBLIC_API_THROTTLE: Throttle = { rateLimit: 20, burstLimit: 40 };

export const THROTTLE_CONTEXT = {
  rateLimit: 'apiThrottleRateLimit',
  burstLimit: 'apiThrottleBurstLimit',
  publicRateLimit: 'publicApiThrottleRateLimit',
  publicBurstLimit: 'publicApiThrottleBurstLimit',
} as const;
