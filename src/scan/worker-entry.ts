/**
 * A scan worker thread's entry. The TypeScript compiler is most of what a worker loads: with Node's compile cache
 * (Node ≥ 22.1; the action runs on Node 24) a worker loads it from code V8 compiled before, on this machine,
 * instead of compiling it again. The cache must be on before the scanner's modules are imported, hence the
 * dynamic import.
 */
import module from 'node:module'

interface CompileCache {
  enableCompileCache?: () => unknown
  flushCompileCache?: () => void
}

const cache = module as unknown as CompileCache
// Where the runtime cannot (older Node, a read-only temporary folder), the worker compiles as before.
try {
  cache.enableCompileCache?.()
} catch {
  // no cache
}
await import('./worker-scan.js')
// Written now, not at exit: workers are terminated when the scan is done, and the next run reads it.
try {
  cache.flushCompileCache?.()
} catch {
  // no cache
}
