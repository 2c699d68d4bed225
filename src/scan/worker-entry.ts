/**
 * A scan worker thread's entry. The TypeScript compiler is most of what a worker loads: with Node's compile cache
 * (Node ≥ 22.1; the action runs on Node 24) a worker loads it from code V8 compiled in an earlier run on this
 * machine. Measured on Node 24: about 10% less CPU to a ready worker from a warm cache, but about 20% more for the
 * run that writes it, so the cache is used where a later run can read it: outside CI, or where a cache already
 * exists (NODE_COMPILE_CACHE, e.g. restored by actions/cache). It must be on before the scanner's modules are
 * imported, hence the dynamic import.
 */
import { existsSync } from 'node:fs'
import module from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

interface CompileCache {
  enableCompileCache?: (dir?: string) => unknown
  flushCompileCache?: () => void
}

const cache = module as unknown as CompileCache
const dir = process.env.NODE_COMPILE_CACHE || join(tmpdir(), 'node-compile-cache')
const useCache = cache.enableCompileCache !== undefined && (!process.env.CI || existsSync(dir))
// Where the runtime cannot (older Node, a read-only temporary folder), the worker compiles as before.
try {
  if (useCache) cache.enableCompileCache!(dir)
} catch {
  // no cache
}
await import('./worker-scan.js')
// Written now, not at exit: workers are terminated when the scan is done, and the next run reads it.
try {
  if (useCache) cache.flushCompileCache?.()
} catch {
  // no cache
}
