/** Faults the simulator can inject; see README "Fault injection". */
export type Fault =
  /** 409 `DBS.200019` ("another operation is being performed"). */
  | { readonly kind: 'busy' }
  /** 500 with an HTML page, as a load balancer in front of the API would send. */
  | { readonly kind: 'html500' }
  /** Wait `delayMs` of real time, then handle the request normally (state still changes). */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Destroy the socket without writing a response. */
  | { readonly kind: 'reset' }
  /** The next job / DR-task transition this request starts ends in failure. */
  | { readonly kind: 'jobFails'; readonly failReason?: string }
  /** Answer 401 APIGW.0301 "signature expired" as if the client clock were off. */
  | { readonly kind: 'clockSkew' }
  /** Any status and body (JSON unless `contentType` says otherwise and `body` is a string). */
  | { readonly kind: 'status'; readonly status: number; readonly body?: unknown; readonly contentType?: string };

export type FaultKind = Fault['kind'];

/** Kinds that need no parameters may be given as a bare string. */
export type FaultInput = Fault | 'busy' | 'html500' | 'reset' | 'jobFails' | 'clockSkew';

export interface FaultMatch {
  /** `geminidb` or `dws`: needed to tell apart operationIds both specs use (e.g. `createDisasterRecovery`). */
  readonly service?: 'geminidb' | 'dws';
  readonly operationId?: string;
  readonly method?: string;
  readonly pathIncludes?: string;
}

export interface FaultRuleInput {
  readonly match?: FaultMatch;
  /** How many matching requests the fault applies to. Default 1; `'unlimited'` keeps it until removed. */
  readonly times?: number | 'unlimited';
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
}

/** What a fault rule is matched against. */
export interface FaultTarget {
  readonly service: 'geminidb' | 'dws' | undefined;
  readonly operationId: string | undefined;
  readonly method: string;
  readonly path: string;
}
