/**
 * The DPGA registry's two legacy formats, merged by slug into one declaration:
 * the nominee file (`nominees/<slug>.json` or `archive/<slug>.json`, see
 * `nominee-schema.json`: name, licences, SDGs, types, repositories,
 * organisations, stage) and the screening file
 * (`digitalpublicgoods/<slug>.json`, `screening-schema.json`: indicators 3–9).
 *
 * Everything the declaration can hold is carried over; the rest (sectors,
 * development countries, the Yes/No gates that have no declaration key, free
 * text the declaration has no field for) is reported as `unmapped`. SPDX ids
 * are kept exactly as written (`GPL-3.0` stays `GPL-3.0`): judging them is
 * the licence rules' job. Where the form asked a coarser question than the
 * declaration (PII "collected or stored"), the answer is mapped to the
 * nearest level and the note says so. See docs/batch.md.
 */
import { ImportBuilder, isRecord } from './builder.js';
import type { ImportResult, SourceFile } from './types.js';
import { Sections } from './registry/answers.js';
import { readNominee } from './registry/nominee.js';
import { readScreening } from './registry/screening.js';

export interface RegistryInput {
  /** The nominee-format file (name, licences, SDGs…). */
  nominee?: SourceFile;
  /** The screening-format file (indicators 3–9). */
  screening?: SourceFile;
  slug: string;
  /** One file holding both formats' keys (nominee and screening answers together). */
  combined?: boolean;
}


/** Which registry format a parsed JSON file is in, judged by its keys (any casing). */
export function registryFormatOf(data: unknown): 'nominee' | 'screening' | 'both' | undefined {
  if (!isRecord(data)) return undefined;
  const keys = new Set(Object.keys(data).map((k) => k.toLowerCase()));
  const nominee = ['license', 'sdgs', 'stage', 'organizations', 'type'].filter((k) => keys.has(k)).length;
  const screening = ['clearownership', 'platformindependence', 'nonpii', 'donoharm', 'locations'].filter((k) => keys.has(k)).length;
  if (nominee >= 2 && screening >= 2) return 'both';
  if (nominee >= 2) return 'nominee';
  if (screening >= 2) return 'screening';
  return undefined;
}

export function importRegistry(input: RegistryInput): ImportResult {
  const primary = input.nominee ?? input.screening;
  if (!primary) throw new Error('importRegistry needs a nominee or a screening file');
  const b = new ImportBuilder();
  const out = new Sections();
  if (input.nominee) readNominee(b, input.nominee, out, input.combined === true);
  if (input.screening) readScreening(b, input.screening, out, input.nominee, input.combined === true);
  if (!input.nominee) {
    b.note('error', input.screening!, '(root)', `no nominee file for "${input.slug}": the solution's types, licences and SDGs are in the nominee format (nominees/${input.slug}.json)`);
  }
  return b.finish({ format: 'registry', declaration: out.assemble(), primary, files: [input.nominee, input.screening].filter((f): f is SourceFile => f !== undefined), meta: { slug: input.slug, ...(out.stage ? { stage: out.stage } : {}) } });
}
