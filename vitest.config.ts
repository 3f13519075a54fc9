import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The machines are shared and small (2 cores): keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
