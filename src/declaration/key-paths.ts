/**
 * Key paths name a place in the declaration: `licenses[0].spdx`, `owner.name`, `["odd key"]`.
 * Errors, rule evidence and the importer all speak in them.
 */

export const ROOT_KEY = '(root)';

export type Segment = string | number;

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

export function formatKeyPath(segments: readonly Segment[]): string {
  if (segments.length === 0) return ROOT_KEY;
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Inverse of `formatKeyPath`; `undefined` for a malformed path. */
export function parseKeyPath(key: string): Segment[] | undefined {
  const trimmed = key.trim();
  if (trimmed === '' || trimmed === ROOT_KEY) return [];
  const segments: Segment[] = [];
  let rest = trimmed;
  let first = true;
  while (rest.length > 0) {
    if (rest.startsWith('[')) {
      const index = /^\[(\d+)\]/.exec(rest);
      if (index) {
        segments.push(Number(index[1]));
        rest = rest.slice(index[0].length);
      } else {
        const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
        if (!quoted) return undefined;
        try {
          segments.push(JSON.parse(quoted[1]!) as string);
        } catch {
          return undefined;
        }
        rest = rest.slice(quoted[0].length);
      }
    } else {
      if (!first) {
        if (!rest.startsWith('.')) return undefined;
        rest = rest.slice(1);
      }
      const name = /^[^.[]+/.exec(rest);
      if (!name) return undefined;
      segments.push(name[0]);
      rest = rest.slice(name[0].length);
    }
    first = false;
  }
  return segments;
}

/** Splits an ajv instance path (a JSON pointer) into segments, numbers where the data is a list. */
export function instanceSegments(instancePath: string, data: unknown): Segment[] {
  if (instancePath === '') return [];
  const segments: Segment[] = [];
  let current: unknown = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(part)) {
      segments.push(Number(part));
      current = current[Number(part)];
    } else {
      segments.push(part);
      current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[part] : undefined;
    }
  }
  return segments;
}
