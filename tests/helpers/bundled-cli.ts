import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { buildSync } from 'esbuild'
import { afterAll } from 'vitest'

const PROJECT = resolve(import.meta.dirname, '../..')
let bundle: string | undefined

// Removed after the test file that built it (it sits in the project, where module resolution finds node_modules).
afterAll(() => {
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true })
  bundle = undefined
})

/**
 * The CLI as one JavaScript file (built once per test file), for tests that run it in a child process with
 * limits a test cannot set on itself: another user, a file-size limit. It writes nothing of its own on start.
 */
export function bundledCli(): string {
  if (bundle) return bundle
  mkdirSync(join(PROJECT, 'tmp'), { recursive: true })
  const dir = mkdtempSync(join(PROJECT, 'tmp', 'cli-'))
  // Readable by the unprivileged user some tests run it as.
  chmodSync(dir, 0o755)
  bundle = join(dir, 'cli.mjs')
  buildSync({
    entryPoints: [join(PROJECT, 'src/cli/index.ts')],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'error',
  })
  chmodSync(bundle, 0o644)
  return bundle
}
