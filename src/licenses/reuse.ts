/**
 * REUSE (https://reuse.software/spec/) licence information besides the
 * `LICENSES/` folder: `REUSE.toml` annotations and the older `.reuse/dep5`
 * (Debian copyright format). Each gives a licence expression for a set of
 * paths.
 */
import { parse as parseToml } from 'smol-toml';
import { lineIndex } from '../text/line-index.js';

export interface ReuseAnnotation {
  spdx: string;
  line: number;
  /** The paths (globs) it covers. */
  paths: string[];
}

export function readReuseToml(text: string): ReuseAnnotation[] {
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch {
    return [];
  }
  const annotations = Array.isArray(data.annotations) ? data.annotations : [];
  const found: ReuseAnnotation[] = [];
  for (const annotation of annotations) {
    if (!annotation || typeof annotation !== 'object') continue;
    const entry = annotation as Record<string, unknown>;
    const license = entry['SPDX-License-Identifier'];
    const values = typeof license === 'string' ? [license] : Array.isArray(license) ? license.filter((v): v is string => typeof v === 'string') : [];
    const paths = typeof entry.path === 'string' ? [entry.path] : Array.isArray(entry.path) ? entry.path.filter((v): v is string => typeof v === 'string') : [];
    for (const value of values) {
      const at = text.indexOf(value);
      found.push({ spdx: value.trim(), line: at < 0 ? 1 : lineIndex(text).lineOf(at), paths });
    }
  }
  return found;
}

export function readDep5(text: string): ReuseAnnotation[] {
  const found: ReuseAnnotation[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let files: string[] = [];
  lines.forEach((line, index) => {
    const filesMatch = /^Files:\s*(.*)$/i.exec(line);
    if (filesMatch) files = (filesMatch[1] ?? '').split(/\s+/).filter(Boolean);
    const license = /^License:\s*(\S.*?)\s*$/i.exec(line);
    if (license?.[1] && files.length > 0) found.push({ spdx: license[1], line: index + 1, paths: files });
    if (line.trim() === '') files = [];
  });
  return found;
}
