/**
 * Shared settings of the fuzz suites: seeded (the same cases every run, so a
 * failure is reproducible), a few hundred cases per property in `npm test`,
 * more on demand:
 *
 *     FUZZ_RUNS=20000 FUZZ_SEED=7 npx vitest run test/fuzz
 */
export const FUZZ_SEED = Number.isSafeInteger(Number(process.env.FUZZ_SEED)) && process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_261_203;

/** `defaultRuns`; with `FUZZ_RUNS`, that times `share` (a property that costs more takes a share of it), at least 1. */
export function fuzzRuns(defaultRuns: number, share = 1): number {
  const asked = Number(process.env.FUZZ_RUNS);
  return Number.isSafeInteger(asked) && asked > 0 ? Math.max(1, Math.round(asked * share)) : defaultRuns;
}

/** fast-check parameters for one property. */
export function fuzzParameters(defaultRuns: number, share = 1): { seed: number; numRuns: number } {
  return { seed: FUZZ_SEED, numRuns: fuzzRuns(defaultRuns, share) };
}

/** With FUZZ_RUNS, a test's time budget grows with it (no time is asserted: this only keeps vitest from cutting it off). */
export function fuzzTimeout(defaultMs: number): number {
  const asked = Number(process.env.FUZZ_RUNS);
  return Number.isSafeInteger(asked) && asked > 0 ? Math.max(defaultMs, asked * 50) : defaultMs;
}
