/**
 * The candidate's own licence (`candidate.license` of the report), concluded
 * from the project-scope licences, in this order of weight: the root's
 * licence files (and REUSE `LICENSES/`), then the root manifest, then the
 * README and SPDX headers, then the declaration, then the host's detection.
 * The first source that names a licence speaks; several licences there are
 * related by an expression another source writes (`MIT OR Apache-2.0` in
 * Cargo.toml beside LICENSE-MIT and LICENSE-APACHE), else all apply (AND).
 * With no project licence, components that all agree speak for it; when they
 * do not, or only unidentified licences were found, it is `NOASSERTION`.
 * Always a valid SPDX expression or NOASSERTION.
 */
import type { Evidence, IdentifiedLicense } from '../model.js';
import { licenseFamily, licenseIdsOf, parseLicenseExpression } from './policy.js';
import { spell } from './spdx.js';

export interface LicenseConclusion { expression: string; evidence: Evidence[] }

const TIERS: readonly ((l: IdentifiedLicense) => boolean)[] = [
  (l) => (l.method === 'text' || l.method === 'filename' || l.method === 'notice') && !/^readme/i.test(l.path.slice(l.path.lastIndexOf('/') + 1)),
  (l) => l.method === 'manifest',
  (l) => l.method === 'notice' || l.method === 'spdx-header',
  (l) => l.method === 'declared',
  (l) => l.method === 'host',
];

export function concludeLicense(licenses: readonly IdentifiedLicense[]): LicenseConclusion | undefined {
  const own = licenses.filter((l) => l.scope !== 'third-party');
  if (own.length === 0) return undefined;
  const project = own.filter((l) => (l.scope ?? 'project') === 'project');
  const known = (l: IdentifiedLicense): boolean => l.spdx !== 'NOASSERTION' && parseLicenseExpression(l.spdx).ok;
  // Confirmed licences first; a text needing review ("probably MIT, modified") only when nothing else is known.
  for (const pool of [project.filter((l) => known(l) && l.review !== true), project.filter(known)]) {
    for (const tier of TIERS) {
      const speaking = pool.filter(tier);
      if (speaking.length === 0) continue;
      return { expression: combine(speaking, pool), evidence: speaking.map(evidenceOf) };
    }
  }
  const components = own.filter((l) => l.scope === 'component' && known(l) && l.review !== true);
  const distinct = distinctByFamily(components);
  if (distinct.length === 1) return { expression: spelled((distinct[0] as IdentifiedLicense).spdx), evidence: components.map(evidenceOf) };
  return { expression: 'NOASSERTION', evidence: own.map(evidenceOf) };
}

/** One expression for the licences of a source, related by an expression elsewhere when one names them all. */
function combine(speaking: readonly IdentifiedLicense[], pool: readonly IdentifiedLicense[]): string {
  const distinct = distinctByFamily(speaking);
  // LGPL-3.0 is the GPL-3.0 plus permissions: COPYING beside COPYING.LESSER is the LGPL.
  const families = new Set(distinct.flatMap((l) => (licenseIdsOf(l.spdx) ?? []).map(licenseFamily)));
  const kept = families.has('lgpl-3.0') ? distinct.filter((l) => !(licenseIdsOf(l.spdx) ?? []).every((id) => licenseFamily(id) === 'gpl-3.0')) : distinct;
  if (kept.length === 1) return spelled((kept[0] as IdentifiedLicense).spdx);
  const wanted = new Set(kept.flatMap((l) => (licenseIdsOf(l.spdx) ?? []).map(licenseFamily)));
  const relating = pool.find((l) => {
    const ids = new Set((licenseIdsOf(l.spdx) ?? []).map(licenseFamily));
    return [...wanted].every((f) => ids.has(f));
  });
  if (relating) return spelled(relating.spdx);
  return kept.map((l) => spelled(l.spdx)).map((e) => (/\sOR\s/.test(e) ? `(${e})` : e)).join(' AND ');
}

function distinctByFamily(licenses: readonly IdentifiedLicense[]): IdentifiedLicense[] {
  const byKey = new Map<string, IdentifiedLicense>();
  for (const l of licenses) {
    const key = (licenseIdsOf(l.spdx) ?? [l.spdx]).map(licenseFamily).join(' ');
    if (!byKey.has(key)) byKey.set(key, l);
  }
  return [...byKey.values()];
}

function spelled(expression: string): string {
  const parsed = parseLicenseExpression(expression);
  return parsed.ok ? spell(parsed.tree) : 'NOASSERTION';
}

function evidenceOf(license: IdentifiedLicense): Evidence {
  if (license.method === 'host') return { kind: 'host', key: 'license', value: license.spdx };
  if (license.method === 'declared') return { kind: 'declaration', path: license.path, key: 'licenses', ...(license.line ? { line: license.line } : {}) };
  return license.line ? { kind: 'file', path: license.path, line: license.line } : { kind: 'file', path: license.path };
}
