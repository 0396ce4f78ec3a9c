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
    testTimeout: 20_000,
    // A test that asserts nothing fails instead of passing silently.
    expect: { requireAssertions: true },
  },
});
