/**
 * Policy lives in data files beside the rules, never in code: every data table
 * of the built-in rules and the bundled packs names the DPG Standard version it
 * follows and where its content comes from.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

function jsonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? jsonFiles(full) : entry.name.endsWith('.json') ? [full] : [];
  });
}

describe('rule data tables', () => {
  const files = [...jsonFiles('rules'), ...jsonFiles('packs')];
  it('exist for the indicators that encode policy', () => {
    for (const folder of ['2-open-licensing', '4-platform-independence', '5-documentation', '6-data-extraction', '7-privacy-laws', '9a-data-privacy-security', '9c-harassment']) {
      expect(files.some((f) => f.includes(`${path.sep}${folder}${path.sep}`)), folder).toBe(true);
    }
  });
  it.each(files)('%s names its standard version and source', (file) => {
    const table = JSON.parse(fs.readFileSync(file, 'utf8')) as { standardVersion?: unknown; source?: unknown };
    expect(typeof table.standardVersion === 'string' && /^\d+\.\d+\.\d+$/.test(table.standardVersion)).toBe(true);
    const source = Array.isArray(table.source) ? table.source.join(' ') : table.source;
    expect(typeof source === 'string' && source.length > 20).toBe(true);
  });
});
