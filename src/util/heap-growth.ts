/**
 * How far V8 lets the old generation grow between two full collections. A scan keeps about 100 MB alive at its end
 * (the TypeScript compiler's modules, the rules, every file's facts) and promotes far more short-lived garbage (each
 * file's syntax tree outlives a few young-generation collections). V8 sets the next full collection's limit at up to
 * four times what the last one left alive, so the peak depends on when that collection ran: early, the heap stays
 * under ~190 MB; late, with ~100 MB alive, the limit reaches ~400 MB and a PR check's peak RSS ~500 MB
 * (docs/benchmarks.md, perf13). A factor of two bounds the heap at about twice what is alive, in every run.
 *
 * V8's flags are process-wide, so a flag set here also holds in every worker thread started later; the heap
 * controller reads this one each time it sets a limit, so setting it while running is honoured (checked with
 * `--trace-gc`: the full collections come at the same heap sizes as with the flag on the command line).
 */
import { setFlagsFromString } from 'node:v8'

/** V8 flags that size or schedule the heap: when the user passed one (command line or NODE_OPTIONS), theirs is kept. */
const HEAP_FLAG =
  /(^|\s)--(heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size|predictable[-_]gc[-_]schedule)(=|\s|$)/

/** Whether the user sized V8's heap already, in Node's own arguments or in NODE_OPTIONS. */
export function heapChosen(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return execArgv.some((arg) => HEAP_FLAG.test(arg)) || HEAP_FLAG.test(nodeOptions ?? '')
}

/**
 * Caps the old generation's growth between full collections at a factor of two for this process and the worker
 * threads it starts, unless the user sized the heap. Call it in an entry point (the CLI, the action), never in a
 * library: it changes the whole process. Returns whether it did.
 */
export function capHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
): boolean {
  if (heapChosen(execArgv, nodeOptions)) return false
  setFlagsFromString('--heap-growing-percent=100')
  return true
}
