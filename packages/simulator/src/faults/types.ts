import type { ServiceName } from '../http/context.js';
/** Faults the simulator can inject; see README "Fault injection". */
export type Fault =
  /** 409 `DBS.200019` ("another operation is being performed"). */
  | { readonly kind: 'busy' }
  /** 500 with an HTML page, as a load balancer in front of the API would send. */
  | { readonly kind: 'html500' }
  /** Wait `delayMs` of real time, then handle the request normally (state still changes). */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Destroy the socket without writing a response (an unreachable endpoint). */
  | { readonly kind: 'reset' }
  /** The next job / DR-task transition this request starts ends in failure. */
  | { readonly kind: 'jobFails'; readonly failReason?: string }
  /** Answer 401 APIGW.0301 "signature expired" as if the client clock were off. */
  | { readonly kind: 'clockSkew' }
  /** 429 with `Retry-After` (API Gateway throttling). */
  | { readonly kind: 'throttle'; readonly retryAfterSeconds?: number }
  /** Any status and body (JSON unless `contentType` says otherwise and `body` is a string), plus headers. */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly body?: unknown;
      readonly contentType?: string;
      readonly headers?: Readonly<Record<string, string>>;
    };

export type FaultKind = Fault['kind'];

/** Kinds that need no parameters may be given as a bare string. */
export type FaultInput = Fault | 'busy' | 'html500' | 'reset' | 'jobFails' | 'clockSkew' | 'throttle';

/** Every field is optional; a rule matches a request when all given fields match. */
export interface FaultMatch {
  /** `geminidb` or `dws`: needed to tell apart operationIds both specs use (e.g. `createDisasterRecovery`). */
  readonly service?: ServiceName;
  /** An operationId of the specs (checked: an unknown one is refused). */
  readonly operationId?: string;
  readonly method?: string;
  readonly pathIncludes?: string;
  /**
   * A GeminiDB instance or DWS cluster id: matches requests with that `{instance_id}` in the path and,
   * for `jobFails`, jobs that keep it busy (so "the next switchover on instance X" works from either side).
   */
  readonly instanceId?: string;
  /** A DWS DR task id (`{disaster_recovery_id}` in the path). */
  readonly drId?: string;
  /** The region the request addresses (`/{region}/...`): "this region is unreachable". */
  readonly region?: string;
  /** The project in the request path. */
  readonly projectId?: string;
}

export interface FaultRuleInput {
  readonly match?: FaultMatch;
  /** How many matching requests the fault applies to. Default 1; `'unlimited'` keeps it until removed or expired. */
  readonly times?: number | 'unlimited';
  /** The rule expires this long after it is added, on the simulator clock (e.g. a 10-minute region outage). */
  readonly durationMs?: number;
  readonly fault: FaultInput;
}

export interface FaultRule {
  readonly id: string;
  readonly match: FaultMatch;
  readonly fault: Fault;
  /** Applications left (`'unlimited'` never runs out). */
  readonly remaining: number | 'unlimited';
  /** How many times it has been applied. */
  readonly hits: number;
  /** Simulator-clock ms after which the rule no longer applies (absent: no expiry). */
  readonly expiresAt?: number;
}

/** What a fault rule is matched against. */
export interface FaultTarget {
  readonly service: ServiceName | undefined;
  readonly operationId: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly region: string | undefined;
  readonly projectId: string | undefined;
  readonly instanceId: string | undefined;
  readonly drId: string | undefined;
  /** At the job stage: the instances / clusters the job keeps busy. */
  readonly jobInstanceIds?: readonly string[];
}
