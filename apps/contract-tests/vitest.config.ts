import { defineConfig, mergeConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { sharedConfig } from '../../vitest.shared.ts';

/** The coverage gate reads what the other files recorded, so it always runs last. */
const GATE = /coverage-gate\.test\.ts$/;

class GateLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => !GATE.test(f.moduleId)), ...sorted.filter((f) => GATE.test(f.moduleId))];
  }
}

export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      // Both Prism mocks are started once per run and shared by every file (test/global-setup.ts).
      globalSetup: ['./test/global-setup.ts'],
      // One file at a time: Prism is occasionally flaky under parallel load, and the gate must run last.
      fileParallelism: false,
      // Files share one worker and its module cache (the specs and Ajv are loaded once): ~2x faster.
      // Nothing relies on per-file module state; each file builds its own clients and recorders.
      isolate: false,
      sequence: { sequencer: GateLastSequencer, shuffle: false },
      hookTimeout: 60_000,
    },
  }),
);
