import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fixture trees are sample candidates; their own "tests" are data, not ours to run.
    exclude: ['fixtures/**', 'node_modules/**', 'dist/**'],
    testTimeout: 20_000,
  },
});
