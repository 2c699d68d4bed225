import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { availableParallelism, freemem, loadavg } from 'node:os'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { ruleSetInput } from '../rules/load.js'
import type { RuleSet, RuleSetInput } from '../rules/ruleset.js'
import type { FileFacts } from './file-scan.js'
import type { FileLimits } from './scan-file.js'

/** What a worker is started with. */
export interface WorkerInit {
  root: string
  limits: FileLimits
  /** The validated rule data (so workers skip loading rules); absent → the worker loads `rulesDirs`. */
  rulesInput?: RuleSetInput
  rulesDirs: readonly string[]
  cwd: string
}

/** Pool → worker: scan these repo-relative files. */
export interface WorkerRequest {
  batch: number
  files: string[]
}

/** Worker → pool: ready to work, or one batch's facts in the order they were asked for. */
export type WorkerResponse = { ready: true } | { batch: number; facts: FileFacts[] }

export interface WorkerScanOptions {
  workers: number
  limits: FileLimits
  rulesDirs: readonly string[]
  /** The rules the caller scans with; the workers get the same data. */
  rules: RuleSet
  cwd?: string
  onProgress?: (done: number, total: number) => void
  /** Filled in with where the batches ran (for tests and the benchmark). */
  stats?: PoolStats
  /** Where the worker code is; found beside this module unless given (tests start broken workers with it). */
  entry?: WorkerEntry
  /**
   * Tests: this thread scans no batch of its own, only those a worker left unfinished, so where batches run does
   * not depend on how fast the workers start.
   */
  workersOnly?: boolean
}

export interface PoolStats {
  workers: number
  workerBatches: number
  threadBatches: number
}

/** Threads scanning at once (this one included) when the count is chosen automatically. */
const MAX_AUTO_THREADS = 4

/** What the automatic choice reads: the machine now, never a timing. */
export interface MachineState {
  cores: number
  freeMemory: number
  /** The 1-minute load average: runnable threads, ours included once we run. */
  load: number
  /**
   * Cores other processes kept busy since this process started (Linux: /proc/stat less our own CPU time), when
   * measurable. Preferred to the load average, which still counts work that has just finished — the previous CI
   * step, an earlier benchmark phase, or this tool's own last run — for a minute after it ends.
   */
  busyElsewhere?: number
}

const machineNow = (): MachineState => ({
  cores: availableParallelism(),
  freeMemory: freemem(),
  load: loadavg()[0] ?? 0,
  busyElsewhere: busyElsewhere(SINCE_START, cpuSample()),
})

/** The machine's CPU counters and this process's CPU time at one moment. */
export interface CpuSample {
  /** Jiffies all cores spent working and in total (/proc/stat's first line), and how many cores it counts. */
  busy: number
  total: number
  cores: number
  /** This process's CPU time (all its threads) and the wall clock, in milliseconds. */
  ownMs: number
  wallMs: number
}

/** Reads /proc/stat (Linux); undefined elsewhere or when unreadable. */
function cpuSample(): CpuSample | undefined {
  try {
    const stat = readFileSync('/proc/stat', 'utf8')
    const first = /^cpu\s+([\d\s]+)/.exec(stat)
    if (!first) return undefined
    // user nice system idle iowait irq softirq steal …
    const [user, nice, system, idle, iowait, irq, softirq, steal] = first[1]!.trim().split(/\s+/).map(Number)
    const busy = user! + nice! + system! + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)
    const { user: u, system: sy } = process.cpuUsage()
    return {
      busy,
      total: busy + idle! + (iowait ?? 0),
      cores: stat.match(/^cpu\d+ /gm)?.length ?? 0,
      ownMs: (u + sy) / 1000,
      wallMs: performance.now(),
    }
  } catch {
    return undefined
  }
}

const SINCE_START = cpuSample()

/** Shorter than this, /proc/stat's 10 ms ticks say too little. */
const MIN_WINDOW_MS = 100

/**
 * Cores other processes kept busy between two samples: the machine's busy share of its cores, less this process's
 * own CPU time. Undefined when not measurable: no /proc/stat, a window too short, or counters for more cores than
 * this process may use (a container's CPU limit: the host's counters would say nothing about it).
 */
export function busyElsewhere(from: CpuSample | undefined, to: CpuSample | undefined): number | undefined {
  if (!from || !to || to.wallMs - from.wallMs < MIN_WINDOW_MS || to.total <= from.total) return undefined
  if (to.cores !== availableParallelism()) return undefined
  const busyCores = ((to.busy - from.busy) / (to.total - from.total)) * to.cores
  const ownCores = (to.ownMs - from.ownMs) / (to.wallMs - from.wallMs)
  return Math.max(0, busyCores - ownCores)
}

/**
 * Below this many bytes of source a worker does not pay for itself: each worker pays about a second of CPU to
 * load the TypeScript compiler and warm up its JIT. With three cores or more the start-up is shared by more
 * threads.
 */
const MIN_POOL_BYTES = 4_000_000

/**
 * Below this many cores the automatic choice never starts a worker. A one-thread scan already keeps about 1.6
 * cores busy (V8's concurrent garbage collector and optimising compiler run beside it), so on two cores a worker
 * competes with its own process: measured on an idle 2-core machine, one worker made a real 4,100-file monorepo
 * (14 MB) 1.2–1.3× slower than one thread and a 5,000-file synthetic tree (20 MB) no faster, at 400 MB instead
 * of 250 MB (docs/performance.md).
 */
const MIN_POOL_CORES = 3

/**
 * The default number of worker threads for `bytes` of source: with three cores or more, one thread per idle core
 * up to four, this one included. A core is idle when other processes leave it free (measured since this process started where the
 * system says, else read from the load average): on a machine already busy with other work a worker only
 * competes with this thread, and one thread is faster than two. Without spare memory, none either.
 */
export function defaultWorkerCount(bytes: number, machine: MachineState = machineNow()): number {
  const threads = Math.min(workerCeiling(machine) + 1, MAX_AUTO_THREADS)
  return threads < 2 || bytes < MIN_POOL_BYTES ? 0 : threads - 1
}

/**
 * The most workers this machine has room for, whatever the tree: idle cores (this thread needs one) and free
 * memory. A pool this size can start before the files are listed; `defaultWorkerCount` decides with their size.
 */
export function workerCeiling(machine: MachineState = machineNow()): number {
  if (machine.cores < MIN_POOL_CORES) return 0
  const cores = Math.min(machine.cores, MAX_AUTO_THREADS)
  // Measured: a core at least half free counts as idle. Otherwise the load, which counts this thread too once it
  // has run a while: the cores beyond it and the rest of the load are free.
  const idle =
    machine.busyElsewhere !== undefined
      ? Math.floor(cores - 1 - machine.busyElsewhere + 0.5)
      : Math.floor(cores - Math.max(1, machine.load))
  // A worker holds its own copy of the compiler (~150 MB resident, ~250 MB at its peak): never more than fit.
  const fit = Math.floor(machine.freeMemory / WORKER_MEMORY) - 1
  return Math.max(0, Math.min(idle, fit, cores - 1))
}

const WORKER_MEMORY = 512 * 1024 * 1024

/** A worker script: a file, or code run with `eval: true`. */
export type WorkerEntry = { file: URL; evalCode?: undefined } | { file?: undefined; evalCode: string }

/**
 * Where the worker's code is. Built (`build/scan/worker-entry.js`) or bundled (`dist/worker-entry.js`, a second
 * esbuild entry), it sits beside this module. From TypeScript source (tsx, vitest) it is `worker-entry.ts`, and
 * the worker registers tsx's loader before importing it: hooks inherited through `--import tsx` do not apply to
 * a worker's entry module on Node 20.
 */
export function workerEntry(moduleUrl: string = import.meta.url): WorkerEntry | undefined {
  if (/\.[cm]?ts$/.test(new URL(moduleUrl).pathname)) {
    const file = new URL('./worker-entry.ts', moduleUrl)
    let api: string
    try {
      // tsx's ESM API (its CommonJS build cannot find its own loader): register the hooks, then load the entry.
      api = pathToFileURL(
        createRequire(moduleUrl)
          .resolve('tsx/esm/api')
          .replace(/\.cjs$/, '.mjs'),
      ).href
    } catch {
      return undefined
    }
    return {
      evalCode: `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}) })`,
    }
  }
  const file = new URL('./worker-entry.js', moduleUrl)
  return existsSync(fileURLToPath(file)) ? { file } : undefined
}

/**
 * Scans files on worker threads and this thread together, or returns `undefined` when workers cannot be used
 * here (no worker entry, rules not from loadRules) so that the caller scans in-process. This thread takes
 * batches too: on two cores one worker plus this thread uses both, with one copy of TypeScript less in memory
 * than two workers. Facts come back in the order of `files` whatever the number of workers or the order the
 * batches finish in. A worker that fails has its unfinished batches scanned here.
 */
export async function scanFilesInWorkers(
  root: string,
  files: readonly string[],
  options: WorkerScanOptions,
  scanInThread: (path: string) => FileFacts,
): Promise<FileFacts[] | undefined> {
  const count = Math.max(1, Math.min(options.workers, Math.floor(files.length / 16)))
  const pool = startScanPool(root, { ...options, workers: count })
  return pool?.scan(files, scanInThread)
}

/** Workers started ahead of the work (while the files are being listed), then given the files. */
export interface ScanPool {
  readonly workers: number
  /** Scans the files on the workers and this thread; facts in the order of `files`. Call once. */
  scan(
    files: readonly string[],
    scanInThread: (path: string) => FileFacts,
    sizes?: readonly number[],
  ): Promise<FileFacts[]>
  /** Stops the workers unused (the tree turned out too small for them). */
  close(): Promise<void>
}

/** Bytes per batch: at least this much (messaging stays negligible), at most this much (threads stay busy). */
const BATCH_BYTES = { min: 24_000, max: 160_000 }

/**
 * Cuts files (their sizes in bytes, in order) into batches, as `[start, end)` index ranges covering them all.
 * Batches are balanced by bytes, not file count (one large generated file costs as much as dozens of small
 * ones), and get smaller as the work left shrinks (guided scheduling): large early, small at the end so that no
 * thread is left waiting for another's last batch. A pure function of the sizes and the thread count.
 */
export function planBatches(
  sizes: readonly number[],
  threads: number,
  limits: { min: number; max: number } = BATCH_BYTES,
): [number, number][] {
  let left = 0
  for (const s of sizes) left += s
  const out: [number, number][] = []
  let start = 0
  while (start < sizes.length) {
    const target = Math.max(limits.min, Math.min(limits.max, Math.ceil(left / (threads * 6))))
    let end = start
    let bytes = 0
    // At least one file; then files while the batch stays within its target.
    do bytes += sizes[end++]!
    while (end < sizes.length && bytes + sizes[end]! <= target)
    out.push([start, end])
    left -= bytes
    start = end
  }
  return out
}

/** File sizes, for the worker choice and batching; an unreadable file counts as empty (its scan reports it). */
export function fileSizes(root: string, files: readonly string[]): number[] {
  return files.map((f) => {
    try {
      return statSync(join(root, f)).size
    } catch {
      return 0
    }
  })
}

/**
 * Starts `options.workers` workers, or returns `undefined` when workers cannot be used here (no worker entry,
 * rules not from loadRules). The workers load the compiler while this thread lists the files.
 */
export function startScanPool(root: string, options: WorkerScanOptions): ScanPool | undefined {
  const entry = options.entry ?? workerEntry()
  const rulesInput = ruleSetInput(options.rules)
  if (!entry || !rulesInput || options.workers < 1) return undefined
  const init: WorkerInit = {
    root,
    limits: options.limits,
    rulesInput,
    rulesDirs: options.rulesDirs,
    cwd: options.cwd ?? process.cwd(),
  }
  const job = new PoolJob()
  const pool = Array.from({ length: options.workers }, () => startWorker(entry, init, job))
  return {
    workers: options.workers,
    close: async () => {
      job.close()
      for (const w of pool) w.idle()
      await Promise.all(pool.map((w) => w.done))
    },
    scan: async (files, scanInThread, sizes = fileSizes(root, files)) => {
      const stats = options.stats ?? { workers: 0, workerBatches: 0, threadBatches: 0 }
      stats.workers = options.workers
      job.begin(files, planBatches(sizes, options.workers + 1), stats, options.onProgress)
      // This thread works through the queue too, yielding between batches so worker results are taken in.
      if (!options.workersOnly) {
        for (let b = job.take(); b !== undefined; b = job.take()) {
          job.finish(b, job.files(b).map(scanInThread), false)
          await new Promise<void>((resolve) => setImmediate(resolve))
        }
        for (const w of pool) w.idle()
      }
      await Promise.all(pool.map((w) => w.done))
      // Batches of a worker that failed, and (workersOnly) those no worker lived to take.
      for (let b = job.retry.pop() ?? job.take(); b !== undefined; b = job.retry.pop() ?? job.take())
        job.finish(b, job.files(b).map(scanInThread), false)
      return job.results.flat()
    },
  }
}

/** The work the pool shares out: batches handed out in order, their results, the batches to redo here. */
class PoolJob {
  results: FileFacts[][] = []
  retry: number[] = []
  private all: readonly string[] = []
  private batches: [number, number][] = []
  private next = 0
  private done = 0
  private stats: PoolStats | undefined
  private onProgress: ((done: number, total: number) => void) | undefined
  private waiting: (() => void)[] = []
  /** No work will come (closed unused), or all of it has been handed out. */
  closed = false

  begin(
    files: readonly string[],
    batches: [number, number][],
    stats: PoolStats,
    onProgress?: (done: number, total: number) => void,
  ): void {
    this.all = files
    this.batches = batches
    this.stats = stats
    this.onProgress = onProgress
    for (const w of this.waiting.splice(0)) w()
  }

  /** Runs `ready` once there is work (now, if there is). */
  whenBegun(ready: () => void): void {
    if (this.stats || this.closed) ready()
    else this.waiting.push(ready)
  }

  close(): void {
    this.closed = true
    for (const w of this.waiting.splice(0)) w()
  }

  take(): number | undefined {
    return this.next < this.batches.length ? this.next++ : undefined
  }

  files(batch: number): string[] {
    const [start, end] = this.batches[batch]!
    return this.all.slice(start, end)
  }

  finish(batch: number, facts: FileFacts[], inWorker: boolean): void {
    this.results[batch] = facts
    if (inWorker) this.stats!.workerBatches++
    else this.stats!.threadBatches++
    this.done += facts.length
    this.onProgress?.(this.done, this.all.length)
  }
}

interface PoolWorker {
  /** Resolves when the worker has stopped (finished, failed or stopped as idle). */
  done: Promise<void>
  /** No more work will come: stop now unless batches are in flight. */
  idle: () => void
}

const IN_FLIGHT = 2

function startWorker(entry: WorkerEntry, init: WorkerInit, job: PoolJob): PoolWorker {
  const inFlight = new Set<number>()
  let stopped = false
  let resolveDone!: () => void
  const done = new Promise<void>((resolve) => (resolveDone = resolve))
  let worker: Worker
  try {
    worker = entry.file
      ? new Worker(entry.file, { workerData: init })
      : new Worker(entry.evalCode, { eval: true, workerData: init })
  } catch {
    // Could not start (out of resources): this thread does the work.
    return { done: Promise.resolve(), idle: () => {} }
  }
  const stop = (): void => {
    if (stopped) return
    stopped = true
    // Done once the thread is gone: its heap is freed before this thread builds the inventory and the report.
    worker.terminate().then(resolveDone, resolveDone)
  }
  const send = (): void => {
    const b = job.take()
    if (b === undefined) return
    inFlight.add(b)
    worker.postMessage({ batch: b, files: job.files(b) } satisfies WorkerRequest)
  }
  worker.on('message', (msg: WorkerResponse) => {
    if ('ready' in msg) {
      // Ready before the files are listed: the first batches go out as soon as they are. Several in flight: the
      // worker does not wait while this thread is busy with a batch of its own.
      job.whenBegun(() => {
        for (let i = 0; i < IN_FLIGHT; i++) send()
        if (inFlight.size === 0) stop()
      })
      return
    }
    inFlight.delete(msg.batch)
    job.finish(msg.batch, msg.facts, true)
    send()
    if (inFlight.size === 0) stop()
  })
  const fail = (): void => {
    if (stopped) return
    job.retry.push(...inFlight)
    inFlight.clear()
    stop()
  }
  worker.on('error', fail)
  worker.on('exit', fail)
  return {
    done,
    idle: () => {
      if (inFlight.size === 0) stop()
    },
  }
}
