import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PDF and EPUB tests start Chromium and Java: give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The last lines of a run list every test skipped for a missing tool, with the command that installs it.
    reporters: ['default', './test/helpers/missing-tools-reporter.ts'],
    env: {NO_COLOR: '1', SOURCE_DATE_EPOCH: ''},
    coverage: {provider: 'v8', include: ['src/**'], reporter: ['text-summary']}
  }
})
