import { defineConfig } from 'vitest/config'

/** End-to-end tests: the built renderer in Debian's Chromium through the web host, against the real engine. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
