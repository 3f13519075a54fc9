import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The machines are shared and small (2 cores): keep parallelism modest.
    maxWorkers: 2,
    // Real processes, databases and a browser on a shared machine: room to finish, never a timing assertion.
    testTimeout: 60_000,
  },
});
