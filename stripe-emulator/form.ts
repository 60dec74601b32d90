// Stripe's request encoding: `application/x-www-form-urlencoded` with bracket nesting
// (`items[0][price]=p`, `metadata[k]=v`, `expand[]=x`), parsed with `qs` (the SDK's encoder writes qs's
// `indices` format), plus a typed reader that raises Stripe's own validation errors with the
// bracketed param name.
import qs from 'qs';
import { invalidRequest, missingParam } from './errors';

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const QS_OPTIONS: qs.IParseOptions = {
  // `allowPrototypes: false` drops keys that shadow Object.prototype (`__proto__`, `constructor`,
  // `toString`...), so a body can never write to the prototype of the objects it builds.
  allowPrototypes: false,
  // Stripe caps line items and subscription items well below 100; `items[20]` must stay an array.
  arrayLimit: 100,
  // `phases[0][items][0][price_data][recurring][interval]` is 6 levels; anything deeper is refused.
  depth: 10,
  strictDepth: true,
  parameterLimit: 2000,
  throwOnLimitExceeded: true,
};

export function parseForm(text: string): FormObject {
  try {
    return qs.parse(text, QS_OPTIONS) as FormObject;
  } catch (error) {
    // qs signals exceeded limits with RangeError; Stripe answers malformed requests with a 400.
    if (error instanceof RangeError) throw invalidRequest(`Invalid request body: ${error.message}`);
    throw error;
  }
}

/** A JSON body (control endpoints, the pay form) in the shape a form body would have. */
export function formFromJson(value: unknown): FormValue {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(formFromJson);
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([key]) => !(key in Object.prototype));
    return Object.fromEntries(entries.map(([key, item]) => [key, formFromJson(item)]));
  }
  return String(value);
}

export type Metadata = Record<string, string>;

/** Typed, validating access to a (nested) form object. */
export class Params {
  constructor(
    readonly data: FormObject,
    private readonly prefix = '',
  ) {}

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  has(key: string): boolean {
    return this.value(key) !== undefined;
  }

  // Own properties only: `constructor` or `toString` is never a param, even when the body names it.
  private value(key: string): FormValue | undefined {
    return Object.hasOwn(this.data, key) ? this.data[key] : undefined;
  }

  keys(): string[] {
    return Object.keys(this.data);
  }

  string(key: string): string | undefined {
    const value = this.value(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${JSON.stringify(value)}`, this.name(key));
    return value;
  }

  requiredString(key: string): string {
    const value = this.string(key);
    if (value === undefined || value === '') throw missingParam(this.name(key));
    return value;
  }

  /** A string, or null when sent empty (Stripe's way of unsetting a field). */
  nullableString(key: string): string | null | undefined {
    const value = this.string(key);
    return value === '' ? null : value;
  }

  integer(key: string, { min }: { min?: number } = {}): number | undefined {
    const value = this.string(key);
    if (value === undefined || value === '') return undefined;
    if (!/^-?\d+$/.test(value)) throw invalidRequest(`Invalid integer: ${value}`, this.name(key));
    const n = Number(value);
    if (min !== undefined && n < min) {
      throw invalidRequest(`Invalid ${this.name(key)}: must be greater than or equal to ${min}`, this.name(key));
    }
    return n;
  }

  decimal(key: string): number | undefined {
    const value = this.string(key);
    if (value === undefined || value === '') return undefined;
    if (!/^-?\d+(\.\d+)?$/.test(value)) throw invalidRequest(`Invalid decimal: ${value}`, this.name(key));
    return Number(value);
  }

  boolean(key: string): boolean | undefined {
    const value = this.string(key);
    if (value === undefined || value === '') return undefined;
    if (value !== 'true' && value !== 'false') throw invalidRequest(`Invalid boolean: ${value}`, this.name(key));
    return value === 'true';
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw invalidRequest(
        `Invalid ${this.name(key)}: must be one of ${allowed.join(', ')}`,
        this.name(key),
      );
    }
    return value as T;
  }

  /** A unix timestamp, or `now` resolved against the caller's clock. */
  timestamp(key: string, now: number): number | undefined {
    return this.string(key) === 'now' ? now : this.integer(key, { min: 0 });
  }

  object(key: string): Params | undefined {
    const value = this.value(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw invalidRequest(`Invalid object`, this.name(key));
    }
    return new Params(value, this.name(key));
  }

  objects(key: string): Params[] {
    const value = this.value(key);
    if (value === undefined || value === '') return [];
    if (!Array.isArray(value)) throw invalidRequest(`Invalid array`, this.name(key));
    return value.map((item, i) => {
      if (typeof item !== 'object' || Array.isArray(item)) throw invalidRequest(`Invalid object`, `${this.name(key)}[${i}]`);
      return new Params(item, `${this.name(key)}[${i}]`);
    });
  }

  strings(key: string): string[] {
    const value = this.value(key);
    if (value === undefined || value === '') return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((item, i) => {
      if (typeof item !== 'string') throw invalidRequest(`Invalid string`, `${this.name(key)}[${i}]`);
      return item;
    });
  }

  /** `metadata[k]=v` entries; `metadata=` (empty) means "clear all" and yields null. */
  metadata(key = 'metadata'): Metadata | null | undefined {
    const value = this.value(key);
    if (value === undefined) return undefined;
    if (value === '') return null;
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest(`Invalid object`, this.name(key));
    const entries = Object.entries(value).map(([k, v]) => {
      if (typeof v !== 'string') throw invalidRequest(`Invalid string`, `${this.name(key)}[${k}]`);
      return [k, v] as const;
    });
    return Object.fromEntries(entries);
  }
}

/** Stripe's metadata update rule: keys set to '' are removed, an empty `metadata` clears all. */
export function mergeMetadata(current: Metadata | null, patch: Metadata | null | undefined): Metadata {
  if (patch === undefined) return { ...current };
  if (patch === null) return {};
  const merged: Metadata = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === '') delete merged[k];
    else merged[k] = v;
  }
  return merged;
}
