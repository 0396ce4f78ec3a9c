import { defineConfig } from 'vitest/config';

// One preset for every workspace: .ci/run sums the JSON reports each package writes.
export const sharedConfig = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    // Generous because CI runs several suites (each starting Prism or Chromium) at once on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // A test that asserts nothing fails instead of passing silently.
    expect: { requireAssertions: true },
  },
});
