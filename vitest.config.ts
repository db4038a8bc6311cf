import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', ['./test/summaryReporter.ts', { suite: 'unit' }]],
    include: ['{core,services,electron,hub,cli,renderer,test/unit}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
