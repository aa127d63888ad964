import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Ajv2020 as RealAjv } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Ajv2020, addFormatsModule } from '../src/declaration/validator.js';
import { declarationSchema } from '../src/declaration/load.js';

const options = { allErrors: true, verbose: true, strict: true };
const precompiledFile = path.resolve('dist', 'declaration-validator.cjs');

function shim(): Ajv2020 {
  const ajv = new Ajv2020(options);
  addFormatsModule.default(ajv, ['uri', 'email']);
  return ajv;
}

describe('the precompiled declaration validator', () => {
  if (!fs.existsSync(precompiledFile)) execFileSync(process.execPath, ['scripts/build-validators.mjs']);
  const real = new RealAjv(options);
  addFormats.default(real, { mode: 'fast', formats: ['uri', 'email'] });
  const reference = real.compile(declarationSchema);

  it('is used for the declaration schema with the loader\'s options', () => {
    const validate = shim().compile(declarationSchema);
    expect(validate).not.toBe(reference);
    expect(validate.toString()).not.toContain('compile');
    expect(validate).toBe(shim().compile(declarationSchema));
  });

  it('is used for the importer\'s options too (no verbose errors)', () => {
    const importer = (): Ajv2020 => {
      const ajv = new Ajv2020({ allErrors: true, strict: true });
      addFormatsModule.default(ajv, ['uri', 'email']);
      return ajv;
    };
    expect(importer().compile(declarationSchema)).toBe(importer().compile(declarationSchema));
    expect(importer().compile(declarationSchema)).not.toBe(shim().compile(declarationSchema));
  });

  it('gives the errors ajv gives on every declaration fixture', () => {
    const validate = shim().compile(declarationSchema);
    const dir = path.resolve('fixtures', 'declarations');
    let compared = 0;
    for (const name of fs.readdirSync(dir).filter((n) => /\.(ya?ml|json)$/.test(n))) {
      let data: unknown;
      try {
        data = parse(fs.readFileSync(path.join(dir, name), 'utf8'));
      } catch {
        continue; // a fixture of broken syntax never reaches the validator
      }
      expect(validate(data), name).toBe(reference(data));
      expect(validate.errors ?? null, name).toEqual(reference.errors ?? null);
      compared++;
    }
    expect(compared).toBeGreaterThan(5);
  });

  it('takes an address with a scheme and no white space, internationalised ones too (ajv-formats\' fast formats)', () => {
    const validate = shim().compile(declarationSchema);
    const withWebsite = (website: string): boolean => validate({ name: 'x', types: ['software'], website: [website] }) as boolean;
    expect(withWebsite('https://example.org/café')).toBe(true);
    expect(withWebsite('https://пример.рф')).toBe(true);
    expect(withWebsite('example.org')).toBe(false);
    expect(withWebsite('https://example.org/a b')).toBe(false);
    expect(validate({ name: 'x', types: ['software'], contactEmail: 'not an address' })).toBe(false);
  });

  it('is not used for another schema, other options or other formats: ajv compiles those', () => {
    const edited = { ...declarationSchema, description: 'edited since the build' };
    const forEdited = shim().compile(edited);
    expect(forEdited).not.toBe(shim().compile(declarationSchema));
    expect(forEdited({})).toBe(reference({}));
    const otherOptions = new Ajv2020({ allErrors: true });
    addFormatsModule.default(otherOptions, ['uri', 'email']);
    expect(otherOptions.compile(declarationSchema)).not.toBe(shim().compile(declarationSchema));
    const noFormats = new Ajv2020(options);
    // ajv itself compiles it, and (strict) refuses the formats nobody added.
    expect(() => noFormats.compile(declarationSchema)).toThrow(/unknown format "uri"/);
  });
});
