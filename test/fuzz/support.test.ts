import { describe, it, expect } from 'vitest';
import { DEFAULT_FUZZ_SEED, fuzzParameters, fuzzRuns, fuzzSeed, fuzzTimeoutMs } from './support.js';

describe('fuzz settings (test/fuzz/support.ts)', () => {
  it('npm test: the fixed seed and each property\'s own count', () => {
    expect(fuzzParameters(150, {})).toEqual({ seed: DEFAULT_FUZZ_SEED, numRuns: 150 });
    expect(fuzzTimeoutMs(20_000, {})).toBe(20_000);
  });
  it('FUZZ_RUNS replaces the count and lifts the timeout; FUZZ_SEED replaces the seed', () => {
    expect(fuzzRuns(150, { FUZZ_RUNS: '20000' })).toBe(20_000);
    expect(fuzzSeed({ FUZZ_SEED: '-5' })).toBe(-5);
    expect(fuzzTimeoutMs(20_000, { FUZZ_RUNS: '5' })).toBeGreaterThan(20_000);
  });
  it('a value that is not a number is refused, not silently ignored', () => {
    expect(() => fuzzRuns(150, { FUZZ_RUNS: 'lots' })).toThrow('FUZZ_RUNS must be a positive integer (got "lots")');
    expect(() => fuzzRuns(150, { FUZZ_RUNS: '0' })).toThrow(/FUZZ_RUNS/);
    expect(() => fuzzSeed({ FUZZ_SEED: '1.5' })).toThrow('FUZZ_SEED must be an integer (got "1.5")');
  });
});
