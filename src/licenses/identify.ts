/**
 * Licences a candidate shows without reading licence texts: the declaration,
 * `SPDX-License-Identifier` lines in licence files, and the licence fields of
 * root package manifests. Identifying a licence from its full text is the job
 * of the text identifier (a later stage); this module is where it plugs in.
 */
import type { DeclarationView } from '../rule-api.js';
import type { IdentifiedLicense } from '../model.js';
import type { Snapshot } from '../snapshot/types.js';

const SPDX_HEADER = /SPDX-License-Identifier:\s*([^\s*/#;"'<>][^*\n\r;"'<>]*?)\s*(?:\*\/|-->|$)/m;

/** Manifest files at the root and how to read their licence field (first match wins per file). */
const MANIFESTS: readonly { file: string; pattern: RegExp }[] = [
  { file: 'package.json', pattern: /"license"\s*:\s*"([^"]+)"/ },
  { file: 'composer.json', pattern: /"license"\s*:\s*"([^"]+)"/ },
  { file: 'Cargo.toml', pattern: /^\s*license\s*=\s*"([^"]+)"/m },
  { file: 'pyproject.toml', pattern: /^\s*license\s*=\s*(?:\{\s*text\s*=\s*)?"([^"]+)"/m },
  { file: 'setup.cfg', pattern: /^\s*license\s*=\s*(\S.*?)\s*$/m },
  { file: 'DESCRIPTION', pattern: /^License:\s*(\S.*?)\s*$/m },
];

export function identifyLicenses(snapshot: Snapshot, declaration: DeclarationView, licenseFiles: readonly string[]): IdentifiedLicense[] {
  const found: IdentifiedLicense[] = [];
  (declaration.data?.licenses ?? []).forEach((license, index) => {
    if (typeof license?.spdx !== 'string' || license.spdx.trim() === '') return;
    const at = declaration.locate(`licenses[${index}].spdx`);
    found.push({ spdx: license.spdx.trim(), path: declaration.path ?? 'declaration', confidence: 1, method: 'declared', ...(at ? { line: at.line } : {}) });
  });
  for (const path of licenseFiles) {
    const text = snapshot.read(path)?.text;
    const match = text ? SPDX_HEADER.exec(text) : null;
    if (match?.[1]) found.push({ spdx: match[1].trim(), path, confidence: 1, method: 'spdx-header', line: lineOf(text as string, match.index) });
  }
  for (const { file, pattern } of MANIFESTS) {
    const text = snapshot.has(file) ? snapshot.read(file)?.text : undefined;
    const match = text ? pattern.exec(text) : null;
    if (match?.[1]) found.push({ spdx: match[1].trim(), path: file, confidence: 1, method: 'manifest', line: lineOf(text as string, match.index) });
  }
  return found;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
