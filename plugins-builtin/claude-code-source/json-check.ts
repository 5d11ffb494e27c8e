/**
 * Tiny strict checks for JSON this source wrote itself and reads back (the fold). A check returns undefined when
 * the value has the shape, else the first problem found and where. Numbers must be finite, tuples have exactly
 * their length, objects may carry extra keys (ignored): the rules of the zod schemas these replace, since
 * importing zod costs every small sync about 50 ms.
 */

/** The first thing wrong with a value: the path down to it and what is wrong. Built only on failure. */
export interface Problem {
  path: Array<string | number>;
  message: string;
}

/** Undefined when the value fits, else its first problem. */
export type Check = (value: unknown) => Problem | undefined;

/** One check per field of T. */
export type Shape<T> = { [K in keyof T]-?: Check };

/** `<path>: <problem>`, with `root` naming the value itself. */
export function describeProblem(problem: Problem, root: string): string {
  return `${problem.path.length > 0 ? problem.path.join('.') : root}: ${problem.message}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

function problem(message: string): Problem {
  return { path: [], message };
}

function expected(what: string, value: unknown): Problem {
  return problem(`expected ${what}, received ${kindOf(value)}`);
}

/** Re-roots a part's problem at its parent. */
function at(key: string | number, part: Problem): Problem {
  part.path.unshift(key);
  return part;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export const string: Check = (value) => (typeof value === 'string' ? undefined : expected('string', value));
export const nullableString: Check = (value) => (value === null || typeof value === 'string' ? undefined : expected('string or null', value));
export const number: Check = (value) => (isNumber(value) ? undefined : expected('number', value));
export const boolean: Check = (value) => (typeof value === 'boolean' ? undefined : expected('boolean', value));

export function nullable(check: Check): Check {
  return (value) => (value === null ? undefined : check(value));
}

export function literal(want: number): Check {
  return (value) => (value === want ? undefined : problem(`expected ${want}, received ${isNumber(value) ? value : kindOf(value)}`));
}

/** Exactly `items.length` values, each passing its check. */
export function tuple(...items: Check[]): Check {
  return (value) => {
    if (!Array.isArray(value)) return expected('tuple', value);
    if (value.length !== items.length) return problem(`expected ${items.length} items, received ${value.length}`);
    let i = 0;
    for (const check of items) {
      const part = check(value[i]);
      if (part !== undefined) return at(i, part);
      i++;
    }
    return undefined;
  };
}

/** An array whose every item passes `item`. */
export function arrayOf(item: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) return expected('array', value);
    for (let i = 0; i < value.length; i++) {
      const part = item(value[i]);
      if (part !== undefined) return at(i, part);
    }
    return undefined;
  };
}

// Arrays of scalars are the long columns (ids, token counts): one plain loop each, no call per item.

export const strings: Check = (value) => {
  if (!Array.isArray(value)) return expected('array', value);
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return at(i, expected('string', value[i]));
  return undefined;
};

export const nullableStrings: Check = (value) => {
  if (!Array.isArray(value)) return expected('array', value);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (item !== null && typeof item !== 'string') return at(i, expected('string or null', item));
  }
  return undefined;
};

export const numbers: Check = (value) => {
  if (!Array.isArray(value)) return expected('array', value);
  for (let i = 0; i < value.length; i++) if (!isNumber(value[i])) return at(i, expected('number', value[i]));
  return undefined;
};

/** Integers in [min, max]. */
export function integersIn(min: number, max: number): Check {
  return (value) => {
    if (!Array.isArray(value)) return expected('array', value);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (!Number.isInteger(item) || (item as number) < min || (item as number) > max) {
        return at(i, isNumber(item) ? problem(`expected an integer from ${min} to ${max}, received ${item}`) : expected('number', item));
      }
    }
    return undefined;
  };
}

/**
 * An object (not null, not an array) whose fields pass `shape` in its order, then passes `rules` (each gives a
 * message when it does not hold). Keys outside `shape` are allowed: readers take the shape's fields only.
 */
export function object<T>(shape: Shape<T>, ...rules: Array<(value: T) => string | undefined>): Check {
  const fields = Object.entries(shape) as Array<[string, Check]>;
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return expected('object', value);
    const record = value as Record<string, unknown>;
    for (const [key, check] of fields) {
      const part = check(record[key]);
      if (part !== undefined) return at(key, part);
    }
    for (const rule of rules) {
      const message = rule(value as T);
      if (message !== undefined) return problem(message);
    }
    return undefined;
  };
}
