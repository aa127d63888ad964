/**
 * Shared settings of the fuzz suites (`test/fuzz/*.test.ts`): every property
 * runs with one seed and a bounded number of cases, so `npm test` stays
 * deterministic and takes seconds; a longer hunt is an environment variable
 * away, and a failure found there replays with the seed it prints.
 *
 *   FUZZ_RUNS=20000 npx vitest run test/fuzz        # many more cases per property
 *   FUZZ_SEED=123 npx vitest run test/fuzz          # another seed (fast-check prints the failing one)
 *
 * `FUZZ_RUNS` replaces each property's default count, it does not multiply it:
 * a hunt asks for a number of cases and gets it for every property.
 */
import type { Parameters } from 'fast-check';

/** The seed of every property in `npm test`; fixed so a red run is red again on rerun. */
export const DEFAULT_FUZZ_SEED = 20_261_203;

function positiveInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < (name === 'FUZZ_SEED' ? Number.MIN_SAFE_INTEGER : 1)) {
    throw new Error(`${name} must be ${name === 'FUZZ_SEED' ? 'an integer' : 'a positive integer'} (got ${JSON.stringify(text)})`);
  }
  return value;
}

/** The seed: `FUZZ_SEED`, or the fixed default. */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInteger('FUZZ_SEED', env.FUZZ_SEED) ?? DEFAULT_FUZZ_SEED;
}

/** Cases per property: `FUZZ_RUNS`, or the property's own default (chosen to keep `npm test` within seconds). */
export function fuzzRuns(defaultRuns: number, env: NodeJS.ProcessEnv = process.env): number {
  return positiveInteger('FUZZ_RUNS', env.FUZZ_RUNS) ?? defaultRuns;
}

/** Whether a longer hunt was asked for (a test may then raise its own timeout). */
export function fuzzHunting(env: NodeJS.ProcessEnv = process.env): boolean {
  return positiveInteger('FUZZ_RUNS', env.FUZZ_RUNS) !== undefined;
}

/** A vitest timeout for a property: the default in `npm test`, unbounded-ish when hunting. */
export function fuzzTimeoutMs(defaultMs = 20_000, env: NodeJS.ProcessEnv = process.env): number {
  return fuzzHunting(env) ? 24 * 60 * 60 * 1000 : defaultMs;
}

/** `fc.assert` parameters: the seed, the case count, and no shrinking time limit surprises. */
export function fuzzParameters<T>(defaultRuns: number, env: NodeJS.ProcessEnv = process.env): Parameters<T> {
  return { seed: fuzzSeed(env), numRuns: fuzzRuns(defaultRuns, env) };
}

/**
 * Parameters for a property that costs more than most: with `FUZZ_RUNS`, it takes `share` of that count (at least 1);
 * without, its own default.
 */
export function fuzzParametersShare<T>(defaultRuns: number, share: number, env: NodeJS.ProcessEnv = process.env): Parameters<T> {
  const asked = positiveInteger('FUZZ_RUNS', env.FUZZ_RUNS);
  return { seed: fuzzSeed(env), numRuns: asked === undefined ? defaultRuns : Math.max(1, Math.round(asked * share)) };
}
