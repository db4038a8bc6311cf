import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', ['./test/summaryReporter.ts', { suite: 'end-to-end' }]],
    include: ['test/e2e/**/*.test.ts', 'test/electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
