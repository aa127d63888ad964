/**
 * Writing an imported declaration as `dpg.yml`: the declaration in schema
 * order, and above it, as comments, where it came from and every answer
 * that had no place in it — so the import loses nothing a reviewer could
 * need, even what the declaration cannot hold.
 */
import { stringify } from 'yaml';
import { TOOL_VERSION } from '../version.js';
import { formatNote } from './locate.js';
import type { ImportResult } from './types.js';

export function renderImportYaml(result: ImportResult): string {
  const header: string[] = [];
  const from = result.files.map((f) => f.path).join(' and ');
  header.push(`Imported by dpg-check ${TOOL_VERSION} from ${from}${result.meta.stage ? ` (DPGA registry, stage ${result.meta.stage})` : ''}.`);
  header.push('Review every answer before relying on it: see `dpg-check validate` and `dpg-check explain`.');
  const sections: [string, ImportResult['notes']][] = [
    ['Not mapped (no place in the declaration):', result.notes.filter((n) => n.kind === 'unmapped')],
    ['Approximated (the form asked a coarser question):', result.notes.filter((n) => n.kind === 'approximated')],
    ['Changed or left out:', result.notes.filter((n) => n.kind === 'normalised' || n.kind === 'dropped')],
    ['Problems:', result.notes.filter((n) => n.kind === 'error')],
  ];
  for (const [title, notes] of sections) {
    if (notes.length === 0) continue;
    header.push('', title);
    for (const note of notes) header.push(`  ${formatNote(result, note)}`);
  }
  const comment = header.map((line) => (line === '' ? '#' : `# ${line.replace(/[\r\n]+/g, ' ')}`)).join('\n');
  const body = stringify(result.declaration, { lineWidth: 100, minContentWidth: 40, aliasDuplicateObjects: false });
  return `${comment}\n${body}`;
}
