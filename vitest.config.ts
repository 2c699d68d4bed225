import { defineConfig } from 'vitest/config'

// Timeouts catch a hang, never judge speed: on a loaded two-core machine one end-to-end test (two action runs in
// child processes) has taken over a minute. Ten minutes is far past any healthy test and still ends a hang.
const HANG = 10 * 60_000

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/helpers/fixed-seed.ts'],
    testTimeout: HANG,
    hookTimeout: HANG,
    pool: 'forks',
  },
})
