import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
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
}

export interface PoolStats {
  workers: number
  workerBatches: number
  threadBatches: number
}

/** Trees smaller than this are scanned in-process by default: starting a worker costs more than it saves. */
export const AUTO_WORKERS_MIN_FILES = 300
/** Threads scanning at once (this one included) when chosen automatically. */
const MAX_AUTO_THREADS = 4

/**
 * The default number of worker threads for a tree: none below 300 files or on one core, else one fewer than
 * the cores (up to 3), since this thread scans as well.
 */
export function defaultWorkerCount(fileCount: number, cores = availableParallelism()): number {
  if (fileCount < AUTO_WORKERS_MIN_FILES) return 0
  return Math.max(0, Math.min(cores, MAX_AUTO_THREADS) - 1)
}

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
  // Small batches keep the threads evenly loaded to the end and this thread responsive to worker messages.
  const size = Math.max(4, Math.min(32, Math.ceil(files.length / ((count + 1) * 24))))
  const batches: string[][] = []
  for (let i = 0; i < files.length; i += size) batches.push(files.slice(i, i + size))
  const results: FileFacts[][] = new Array(batches.length)
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
  let next = 0
  let done = 0
  const take = (): number | undefined => (next < batches.length ? next++ : undefined)
  const finish = (batch: number, facts: FileFacts[], inWorker: boolean): void => {
    results[batch] = facts
    if (inWorker) stats.workerBatches++
    else stats.threadBatches++
    done += facts.length
    options.onProgress?.(done, files.length)
  }

  const pool = Array.from({ length: count }, () => startWorker(entry, init, batches, take, finish, retry))
  // This thread works through the queue too, yielding between batches so worker results are taken in.
  for (let b = take(); b !== undefined; b = take()) {
    finish(b, batches[b]!.map(scanInThread), false)
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  for (const w of pool) w.idle()
  await Promise.all(pool.map((w) => w.done))
  // Batches of a worker that failed.
  for (let b = retry.pop(); b !== undefined; b = retry.pop()) finish(b, batches[b]!.map(scanInThread), false)
  return results.flat()
}

interface PoolWorker {
  /** Resolves when the worker has stopped (finished, failed or stopped as idle). */
  done: Promise<void>
  /** No more work will come: stop now unless batches are in flight. */
  idle: () => void
}

const IN_FLIGHT = 3

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
    void worker.terminate()
    resolveDone()
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
