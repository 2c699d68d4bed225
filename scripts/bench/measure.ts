/** Running benchmark phases in child processes and summarising them. */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { cpus, freemem, loadavg, totalmem } from 'node:os'
import { availableParallelism } from 'node:os'

export interface PhaseRun {
  /** Work time reported by the child (modules already loaded), ms. */
  ms: number
  /** CPU time of the child, all threads, ms. */
  cpuMs: number
  /** Whole child process, spawn to exit, ms. */
  processMs: number
  /** Peak resident set size, MB (from /usr/bin/time -v, else the child's own maxRSS). */
  rssMb: number
  exitCode: number
  /** Scan phases on the automatic choice: the worker threads it chose (besides the main thread). */
  autoWorkers?: number
}

const TIME = '/usr/bin/time'
const hasTime = existsSync(TIME)

/** Runs `node <script> <args>` in `cwd` once; throws with the child's stderr when it fails. */
export function runPhase(
  script: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): PhaseRun {
  const node = [process.execPath, script, ...args]
  const started = performance.now()
  const res = hasTime
    ? spawnSync(TIME, ['-v', ...node], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(node[0]!, node.slice(1), { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const processMs = performance.now() - started
  const line = res.stdout.trim().split('\n').pop() ?? ''
  let report: { ms: number; cpuMs: number; maxRssKb: number; exitCode?: number; autoWorkers?: number }
  try {
    report = JSON.parse(line) as typeof report
  } catch {
    throw new Error(`phase ${args.join(' ')} failed (status ${res.status}):\n${res.stderr}`)
  }
  const timeRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr)?.[1]
  return {
    ms: report.ms,
    cpuMs: report.cpuMs,
    processMs,
    rssMb: (timeRss ? Number(timeRss) : report.maxRssKb) / 1024,
    exitCode: report.exitCode ?? 0,
    autoWorkers: report.autoWorkers,
  }
}

/** Times a plain command (no JSON report): wall time, peak RSS and exit code. */
export function runCommand(
  cmd: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): PhaseRun {
  const started = performance.now()
  const res = hasTime
    ? spawnSync(TIME, ['-v', cmd, ...args], { cwd, env, encoding: 'utf8' })
    : spawnSync(cmd, args, { cwd, env, encoding: 'utf8' })
  const processMs = performance.now() - started
  const timeRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr ?? '')?.[1]
  const status = /Exit status: (\d+)/.exec(res.stderr ?? '')?.[1]
  return {
    ms: processMs,
    cpuMs: NaN,
    processMs,
    rssMb: timeRss ? Number(timeRss) / 1024 : NaN,
    exitCode: status !== undefined ? Number(status) : (res.status ?? -1),
  }
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export interface Summary {
  ms: number
  /** The fastest run: on a shared machine, the one least disturbed. */
  bestMs: number
  cpuMs: number
  processMs: number
  rssMb: number
  runs: number
  /** The automatic worker choices of the runs, e.g. [1, 0, 1]. */
  autoWorkers: number[]
}

export function summarise(runs: readonly PhaseRun[]): Summary {
  return {
    ms: median(runs.map((r) => r.ms)),
    bestMs: Math.min(...runs.map((r) => r.ms)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    processMs: median(runs.map((r) => r.processMs)),
    // Peak memory: the largest run, not the median.
    rssMb: Math.max(...runs.map((r) => r.rssMb)),
    runs: runs.length,
    autoWorkers: runs.flatMap((r) => (r.autoWorkers === undefined ? [] : [r.autoWorkers])),
  }
}

/** The machine, for the record: cores, memory, Node, CPU model, load. */
export function machine(): Record<string, string> {
  let model = cpus()[0]?.model ?? 'unknown'
  try {
    model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model
  } catch {
    // not Linux
  }
  return {
    cores: String(availableParallelism()),
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free)`,
    node: process.version,
    cpu: model,
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(' / '),
  }
}

export const fmtS = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '–')
export const fmtMb = (mb: number): string => (Number.isFinite(mb) ? `${Math.round(mb)} MB` : '–')
export const fmtX = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–')
