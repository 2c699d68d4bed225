import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism, freemem } from 'node:os'
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

/**
 * The default number of worker threads for a tree of `fileCount` files. Each worker pays about a second of CPU to
 * load the TypeScript compiler and warm up its JIT, so small trees are scanned in-process. On two cores V8's own
 * background threads (GC, optimising compiler) already use part of the second core: measured on the benchmark,
 * one worker only pays off from about 3,000 files (5,000 files: 17% faster, 30% more CPU). With more cores,
 * from 1,000 files, one thread per core up to four, this one included.
 */
export function defaultWorkerCount(
  fileCount: number,
  cores = availableParallelism(),
  freeMemory = freemem(),
): number {
  const threads = Math.min(cores, MAX_AUTO_THREADS)
  if (threads < 2) return 0
  const minFiles = threads === 2 ? 3000 : 1000
  if (fileCount < minFiles) return 0
  // A worker holds its own copy of the compiler (~150 MB resident, ~250 MB at its peak): never more than fit.
  return Math.max(0, Math.min(threads - 1, Math.floor(freeMemory / WORKER_MEMORY) - 1))
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
  const entry = options.entry ?? workerEntry()
  const rulesInput = ruleSetInput(options.rules)
  if (!entry || !rulesInput) return undefined
  const count = Math.max(1, Math.min(options.workers, Math.floor(files.length / 16)))
  const threads = count + 1
  // Batches are cut as they are handed out, smaller as the queue empties (guided scheduling): large enough early
  // for messaging not to matter, small at the end so that no thread is left waiting for another's last batch.
  const batches: string[][] = []
  let nextFile = 0
  const take = (): number | undefined => {
    if (nextFile >= files.length) return undefined
    const size = Math.max(
      MIN_BATCH,
      Math.min(MAX_BATCH, Math.ceil((files.length - nextFile) / (threads * 6))),
    )
    batches.push(files.slice(nextFile, nextFile + size))
    nextFile += size
    return batches.length - 1
  }
  const results: FileFacts[][] = []
  const retry: number[] = []
  const init: WorkerInit = {
    root,
    limits: options.limits,
    rulesInput,
    rulesDirs: options.rulesDirs,
    cwd: options.cwd ?? process.cwd(),
  }
  const stats = options.stats ?? { workers: 0, workerBatches: 0, threadBatches: 0 }
  stats.workers = count
  let done = 0
  const finish = (batch: number, facts: FileFacts[], inWorker: boolean): void => {
    results[batch] = facts
    if (inWorker) stats.workerBatches++
    else stats.threadBatches++
    done += facts.length
    options.onProgress?.(done, files.length)
  }

  const pool = Array.from({ length: count }, () => startWorker(entry, init, batches, take, finish, retry))
  // This thread works through the queue too, yielding between batches so worker results are taken in.
  if (!options.workersOnly) {
    for (let b = take(); b !== undefined; b = take()) {
      finish(b, batches[b]!.map(scanInThread), false)
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    for (const w of pool) w.idle()
  }
  await Promise.all(pool.map((w) => w.done))
  // Batches of a worker that failed, and (workersOnly) those no worker lived to take.
  for (let b = retry.pop() ?? take(); b !== undefined; b = retry.pop() ?? take())
    finish(b, batches[b]!.map(scanInThread), false)
  return results.flat()
}

interface PoolWorker {
  /** Resolves when the worker has stopped (finished, failed or stopped as idle). */
  done: Promise<void>
  /** No more work will come: stop now unless batches are in flight. */
  idle: () => void
}

const IN_FLIGHT = 2
const MIN_BATCH = 4
const MAX_BATCH = 32

function startWorker(
  entry: WorkerEntry,
  init: WorkerInit,
  batches: readonly string[][],
  take: () => number | undefined,
  finish: (batch: number, facts: FileFacts[], inWorker: boolean) => void,
  retry: number[],
): PoolWorker {
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
    const b = take()
    if (b === undefined) return
    inFlight.add(b)
    worker.postMessage({ batch: b, files: batches[b]! } satisfies WorkerRequest)
  }
  worker.on('message', (msg: WorkerResponse) => {
    if ('ready' in msg) {
      // Several batches in flight: the worker does not wait while this thread is busy with a batch of its own.
      for (let i = 0; i < IN_FLIGHT; i++) send()
    } else {
      inFlight.delete(msg.batch)
      finish(msg.batch, msg.facts, true)
      send()
    }
    if (inFlight.size === 0) stop()
  })
  const fail = (): void => {
    if (stopped) return
    retry.push(...inFlight)
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
