import type { ApiError } from './api-error.js';

/**
 * Small typed readers for JSON request bodies. Each service passes its own "bad input" error
 * factory, so the same checks answer `DBS.200001` on GeminiDB routes and `DWS.0001` on DWS routes.
 */
export type BadInput = (detail: string) => ApiError;

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the body as a JSON object. An empty body yields `undefined` when `optional`. */
export function parseJsonBody(body: Buffer, bad: BadInput, optional: true): JsonObject | undefined;
export function parseJsonBody(body: Buffer, bad: BadInput, optional?: false): JsonObject;
export function parseJsonBody(body: Buffer, bad: BadInput, optional = false): JsonObject | undefined {
  if (body.length === 0) {
    if (optional) return undefined;
    throw bad('request body is required');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw bad('request body is not valid JSON');
  }
  if (!isJsonObject(parsed)) throw bad('request body must be a JSON object');
  return parsed;
}

export class FieldReader {
  constructor(
    private readonly obj: JsonObject,
    private readonly where: string,
    private readonly bad: BadInput,
  ) {}

  private name(key: string): string {
    return this.where ? `${this.where}.${key}` : key;
  }

  string(key: string): string {
    const v = this.obj[key];
    if (typeof v !== 'string' || v === '') throw this.bad(`${this.name(key)} is required and must be a non-empty string`);
    return v;
  }

  optionalString(key: string): string | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw this.bad(`${this.name(key)} must be a string`);
    return v;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const v = this.string(key);
    if (!(allowed as readonly string[]).includes(v)) throw this.bad(`${this.name(key)} must be one of ${allowed.join(', ')}`);
    return v as T;
  }

  stringArray(key: string): string[] {
    const v = this.obj[key];
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string' && x !== '')) {
      throw this.bad(`${this.name(key)} is required and must be a non-empty array of strings`);
    }
    return v as string[];
  }

  /** An optional array of non-empty strings (it may be empty). */
  optionalStringArray(key: string): string[] | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x !== '')) {
      throw this.bad(`${this.name(key)} must be an array of non-empty strings`);
    }
    return v as string[];
  }

  optionalBoolean(key: string): boolean | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw this.bad(`${this.name(key)} must be a boolean`);
    return v;
  }

  optionalInteger(key: string): number | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw this.bad(`${this.name(key)} must be an integer`);
    return v;
  }

  object(key: string): FieldReader {
    const v = this.obj[key];
    if (!isJsonObject(v)) throw this.bad(`${this.name(key)} is required and must be an object`);
    return new FieldReader(v, this.name(key), this.bad);
  }

  optionalObject(key: string): FieldReader | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    return this.object(key);
  }

  array(key: string): FieldReader[] {
    const v = this.obj[key];
    if (!Array.isArray(v) || v.length === 0) throw this.bad(`${this.name(key)} is required and must be a non-empty array`);
    return v.map((item, i) => {
      if (!isJsonObject(item)) throw this.bad(`${this.name(key)}[${i}] must be an object`);
      return new FieldReader(item, `${this.name(key)}[${i}]`, this.bad);
    });
  }
}

/** Non-negative integer query parameter, or the default when absent. */
export function queryInteger(query: URLSearchParams, key: string, fallback: number, bad: BadInput): number {
  const raw = query.get(key);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw bad(`query parameter ${key} must be a non-negative integer`);
  return Number(raw);
}
