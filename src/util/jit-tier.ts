/**
 * Which of V8's compilers a scan may use. A scan runs each of its hot functions over a few thousand files once:
 * counted in instructions (docs/benchmarks.md, perf8, perf11, perf12), most of a cold pass was V8's optimising
 * compiler (TurboFan) compiling code that the pass then used too briefly to repay it. Without TurboFan, Node 20
 * runs the baseline compiler's code (Sparkplug) and Node 24 its mid-tier compiler's (Maglev).
 *
 * V8's flags are process-wide, so a flag set here also holds in every worker thread started later. Set while
 * running, `--max-opt` is not honoured by Node 24's V8 (it is derived at start-up); `--no-opt` is, on Node 20 and
 * 24 (checked with `--trace-opt`: no TurboFan compile afterwards, in this thread or a worker's).
 */
import { setFlagsFromString } from 'node:v8'

/** A V8 flag that chooses tiers: when the user passed one (command line or NODE_OPTIONS), theirs is kept. */
const TIER_FLAG = /(^|\s)--(no-)?(opt|turbofan|maglev|sparkplug|max-opt|jitless|always-turbofan)(=|\s|$)/

/** Whether the user chose V8's tiers already, in Node's own arguments or in NODE_OPTIONS. */
export function tiersChosen(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return execArgv.some((arg) => TIER_FLAG.test(arg)) || TIER_FLAG.test(nodeOptions ?? '')
}

/**
 * Turns V8's optimising compiler off for this process and the worker threads it starts, unless the user chose
 * tiers. Call it in an entry point (the CLI, the action), never in a library: it changes the whole process.
 * Returns whether it did.
 */
export function capJitTier(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
): boolean {
  if (tiersChosen(execArgv, nodeOptions)) return false
  setFlagsFromString('--no-opt')
  return true
}
