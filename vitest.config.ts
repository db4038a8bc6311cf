import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,services,electron,hub,cli,renderer,test/unit}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
