import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateMonorepo } from '../../scripts/bench/generate.js'
import { createProgress } from '../../src/cli/progress.js'
import { loadRules, ruleSetInput } from '../../src/rules/load.js'
import { RuleSet } from '../../src/rules/ruleset.js'
import { discoverFiles } from '../../src/scan/files.js'
import { readAndScan, scanPaths, scanRepository } from '../../src/scan/scan-repository.js'
import {
  busyElsewhere,
  defaultWorkerCount,
  fileSizes,
  planBatches,
  scanFilesInWorkers,
  startScanPool,
  workerCeiling,
  workerEntry,
  type PoolStats,
  type WorkerInit,
  type WorkerRequest,
  type WorkerResponse,
} from '../../src/scan/workers.js'
import { DEFAULT_LIMITS } from '../../src/scan/scan-file.js'

const PROJECT = resolve(import.meta.dirname, '../..')
const DEMO = join(PROJECT, 'fixtures/demo-shop')
const newStats = (): PoolStats => ({ workers: 0, workerBatches: 0, threadBatches: 0 })

// A generated monorepo (the benchmark's generator, small): models, forms, routes, SDKs, cookies, Prisma.
let tree: string
beforeAll(() => {
  mkdirSync(join(PROJECT, 'tmp'), { recursive: true })
  tree = mkdtempSync(join(PROJECT, 'tmp', 'workers-'))
  generateMonorepo(tree, { files: 360, bytes: 900_000, seed: 7 })
})
afterAll(() => rmSync(tree, { recursive: true, force: true }))

describe('worker pool', () => {
  it('gives the same facts and inventory as the in-process scan on the demo shop', async () => {
    const rules = loadRules([])
    const inProcess = await scanRepository(DEMO, { rules, workers: 0 })
    const stats = newStats()
    const pooled = await scanRepository(DEMO, { rules, workers: 2, poolStats: stats })
    // Asked for, the workers start at once, while the files are listed: both scan the demo.
    expect(stats.workers).toBe(2)
    expect(stats.workerBatches + stats.threadBatches).toBeGreaterThan(0)
    expect(pooled.facts).toEqual(inProcess.facts)
    expect(pooled.inventory).toEqual(inProcess.inventory)
  })

  it('gives identical, path-ordered results for any worker count on a generated monorepo', async () => {
    const rules = loadRules([])
    const inProcess = await scanRepository(tree, { rules, workers: 0 })
    expect(inProcess.facts.length).toBeGreaterThan(300)
    expect(inProcess.inventory.personalData.length).toBeGreaterThan(5)
    expect(inProcess.inventory.cookies.length).toBeGreaterThan(5)
    const paths = inProcess.facts.map((f) => f.path)
    expect(paths).toEqual([...paths].sort())
    for (const workers of [1, 3]) {
      const stats = newStats()
      const pooled = await scanRepository(tree, { rules, workers, poolStats: stats })
      expect(stats.workers).toBe(workers)
      // Batches ran on a worker or on this thread, in whatever mix the machine's load gave: only the result counts.
      expect(JSON.stringify(pooled.facts)).toBe(JSON.stringify(inProcess.facts))
      expect(pooled.inventory).toEqual(inProcess.inventory)
    }
  })

  it('scans every batch on the workers when this thread is told to stay out (workersOnly)', async () => {
    const rules = loadRules([])
    const files = discoverFiles(tree).files.slice(0, 160)
    const expected = files.map((p) => readAndScan(tree, p, rules))
    for (const workers of [1, 2]) {
      const stats = newStats()
      const facts = await scanFilesInWorkers(
        tree,
        files,
        { workers, limits: DEFAULT_LIMITS, rules, rulesDirs: [], stats, workersOnly: true },
        () => {
          throw new Error('this thread must not scan')
        },
      )
      // Every batch of the plan ran on a worker; each file was scanned once, in order.
      const plan = planBatches(fileSizes(tree, files), workers + 1)
      expect(plan.length).toBeGreaterThan(workers)
      expect(stats).toEqual({ workers, workerBatches: plan.length, threadBatches: 0 })
      expect(JSON.stringify(facts)).toBe(JSON.stringify(expected))
    }
  })

  it('reports progress up to the total', async () => {
    const rules = loadRules([])
    const { files } = discoverFiles(tree)
    const seen: number[] = []
    await scanPaths(tree, files, {
      rules,
      workers: 1,
      onProgress: (done, total) => (expect(total).toBe(files.length), seen.push(done)),
    })
    expect(seen.length).toBeGreaterThan(1)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
    expect(seen.at(-1)).toBe(files.length)
  })

  it('scans in this thread when a worker fails to start, or dies with batches in flight', async () => {
    const rules = loadRules([])
    const { files } = discoverFiles(tree)
    const sample = files.slice(0, 120)
    const expected = sample.map((p) => readAndScan(tree, p, rules))
    const inThread = (p: string) => readAndScan(tree, p, rules)
    const options = { workers: 2, limits: DEFAULT_LIMITS, rules, rulesDirs: [] }

    // workersOnly: every batch is handed to the workers, so the failure paths run whatever the machine's load.
    const broken = newStats()
    const a = await scanFilesInWorkers(
      tree,
      sample,
      { ...options, stats: broken, workersOnly: true, entry: { evalCode: 'throw new Error("boom")' } },
      inThread,
    )
    expect(a).toEqual(expected)
    expect(broken.workerBatches).toBe(0)
    expect(broken.threadBatches).toBeGreaterThan(0)

    // Says it is ready, takes its two batches and exits without answering.
    const dying = newStats()
    const crash = `const { parentPort } = require('node:worker_threads')
parentPort.postMessage({ ready: true })
let n = 0
parentPort.on('message', () => { if (++n === 2) process.exit(3) })`
    const b = await scanFilesInWorkers(
      tree,
      sample,
      { ...options, stats: dying, workersOnly: true, entry: { evalCode: crash } },
      inThread,
    )
    expect(b).toEqual(expected)
    expect(dying.workerBatches).toBe(0)
    expect(dying.threadBatches).toBeGreaterThanOrEqual(4) // two workers × two batches in flight, then the rest
  })

  it('falls back to in-process scanning for rules that did not come from loadRules', async () => {
    const loaded = loadRules([])
    // Same data, but built by hand: the pool cannot hand it to workers, so it does not try.
    const rules = new RuleSet({
      categories: [...loaded.categories.values()],
      purposes: [...loaded.purposes.values()],
      vendorCategories: [...loaded.vendorCategories.values()],
      piiRules: loaded.piiRules,
      piiVocabulary: loaded.pii.vocabulary,
      vendors: [...loaded.vendors.values()],
      cookies: [],
    })
    const stats = newStats()
    const facts = await scanPaths(DEMO, discoverFiles(DEMO).files, { rules, workers: 2, poolStats: stats })
    expect(stats.workers).toBe(0)
    expect(facts.length).toBeGreaterThan(5)
  })
})

describe('a worker started from the source (TypeScript, under vitest)', () => {
  it('loads the rules it is given and returns the same facts as this thread', async () => {
    const rules = loadRules([])
    const entry = workerEntry()!
    const { files } = discoverFiles(DEMO)
    const init: WorkerInit = {
      root: DEMO,
      limits: DEFAULT_LIMITS,
      rulesInput: ruleSetInput(rules),
      rulesDirs: [],
      cwd: PROJECT,
    }
    const worker = entry.file
      ? new Worker(entry.file, { workerData: init })
      : new Worker(entry.evalCode!, { eval: true, workerData: init })
    try {
      const facts = await new Promise<unknown>((ok, fail) => {
        worker.on('error', fail)
        worker.on('message', (m: WorkerResponse) => {
          if ('ready' in m) worker.postMessage({ batch: 0, files } satisfies WorkerRequest)
          else ok(m.facts)
        })
      })
      expect(facts).toEqual(files.map((p) => readAndScan(DEMO, p, rules)))
    } finally {
      await worker.terminate()
    }
  })
})

describe('progress on a TTY', () => {
  it('appears after two seconds of a pooled scan, grows to the total and is cleared at the end', async () => {
    const rules = loadRules([])
    const { files } = discoverFiles(tree)
    let clock = 0
    let written = ''
    const progress = createProgress(true, { write: (s: string) => ((written += s), true) }, () => clock)
    await scanPaths(tree, files, {
      rules,
      workers: 1,
      onProgress: (done, total) => {
        // Each batch "takes" a second of the fake clock: nothing is drawn during the first two.
        clock += 1000
        progress.onProgress(done, total)
      },
    })
    const lines = written.split('\r\x1b[2K').filter(Boolean)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines[0]).toMatch(/^Scanning \d+\/\d+ files \(\d+%\)$/)
    expect(lines.at(-1)).toBe(`Scanning ${files.length}/${files.length} files (100%)`)
    progress.done()
    expect(written.endsWith('\r\x1b[2K')).toBe(true)
  })

  it('stays silent when disabled or for a quick scan', () => {
    let written = ''
    const stream = { write: (s: string) => ((written += s), true) }
    const off = createProgress(false, stream, () => 10_000)
    off.onProgress(1, 2)
    const quick = createProgress(true, stream, () => 0)
    quick.onProgress(1, 2)
    quick.done()
    expect(written).toBe('')
  })
})

describe('default worker count', () => {
  const gb = 1024 ** 3
  const idle = (cores: number, freeMemory = 64 * gb) => ({ cores, freeMemory, load: 0.2 })
  const MB = 1_000_000

  it('is none for small trees or under three cores; beyond, one thread per idle core up to four, this one included', () => {
    expect(defaultWorkerCount(1000 * MB, idle(1))).toBe(0)
    // Two cores: a one-thread scan already keeps most of the second core busy with V8's own threads.
    expect(defaultWorkerCount(1000 * MB, idle(2))).toBe(0)
    expect(workerCeiling(idle(2))).toBe(0)
    expect(defaultWorkerCount(3 * MB, idle(4))).toBe(0)
    expect(defaultWorkerCount(4 * MB, idle(4))).toBe(3)
    expect(defaultWorkerCount(20 * MB, idle(3))).toBe(2)
    expect(defaultWorkerCount(20 * MB, idle(64))).toBe(3)
  })

  it('counts only idle cores: on a busy machine a worker would compete with this thread', () => {
    expect(defaultWorkerCount(20 * MB, { ...idle(3), load: 1.0 })).toBe(2)
    expect(defaultWorkerCount(20 * MB, { ...idle(3), load: 1.5 })).toBe(1)
    expect(defaultWorkerCount(20 * MB, { ...idle(3), load: 12 })).toBe(0)
    expect(defaultWorkerCount(20 * MB, { ...idle(4), load: 2.5 })).toBe(1)
    expect(workerCeiling({ ...idle(8), load: 3 })).toBe(1)
  })

  it('prefers what other processes keep busy now to the load average, which still counts finished work', () => {
    // A benchmark's or CI's earlier steps leave the load average high for a minute after they end.
    expect(defaultWorkerCount(20 * MB, { ...idle(3), load: 2.8, busyElsewhere: 0.1 })).toBe(2)
    expect(defaultWorkerCount(20 * MB, { ...idle(3), load: 0.2, busyElsewhere: 1.7 })).toBe(0)
    expect(defaultWorkerCount(20 * MB, { ...idle(4), load: 9, busyElsewhere: 1.2 })).toBe(2)
    expect(defaultWorkerCount(20 * MB, { ...idle(4), load: 0, busyElsewhere: 3.6 })).toBe(0)
  })

  it('measures the busy cores from two /proc/stat samples, less its own CPU time', () => {
    const cores = availableParallelism()
    const at = (busy: number, total: number, ownMs: number, wallMs: number) => ({
      busy,
      total,
      cores,
      ownMs,
      wallMs,
    })
    // Over one second all cores were half busy; this process used half a core of that.
    const half = busyElsewhere(at(0, 0, 0, 0), at(50 * cores, 100 * cores, 500, 1000))
    expect(half).toBeCloseTo(cores / 2 - 0.5, 5)
    // Never below zero (ticks are coarse), never from a window too short to say anything, nor without samples.
    expect(busyElsewhere(at(0, 0, 0, 0), at(1, 100 * cores, 990, 1000))).toBe(0)
    expect(busyElsewhere(at(0, 0, 0, 0), at(50, 100, 10, 50))).toBeUndefined()
    expect(busyElsewhere(undefined, at(50, 100, 10, 500))).toBeUndefined()
    // Counters for more cores than this process may use (a container's CPU limit) say nothing about its cores.
    expect(busyElsewhere(at(0, 0, 0, 0), { ...at(50, 100, 10, 500), cores: cores + 1 })).toBeUndefined()
  })

  it('starts no more workers than free memory allows (half a gigabyte each, one kept for this thread)', () => {
    expect(defaultWorkerCount(20 * MB, idle(8, 16 * gb))).toBe(3)
    expect(defaultWorkerCount(20 * MB, idle(8, 1.2 * gb))).toBe(1)
    expect(defaultWorkerCount(20 * MB, idle(8, 0.9 * gb))).toBe(0)
  })
})

describe('batches', () => {
  const limits = { min: 100, max: 1000 }
  const check = (sizes: number[], plan: [number, number][]): void => {
    // Contiguous ranges that cover every file once, in order.
    expect(plan[0]![0]).toBe(0)
    for (let i = 1; i < plan.length; i++) expect(plan[i]![0]).toBe(plan[i - 1]![1])
    expect(plan.at(-1)![1]).toBe(sizes.length)
    for (const [a, b] of plan) expect(b).toBeGreaterThan(a)
  }

  it('balances by bytes: a large file is a batch of its own, small files are grouped up to the target', () => {
    const sizes = [50, 50, 5000, 50, 50, 50, 50, 900, 50, 50]
    const plan = planBatches(sizes, 2, limits)
    check(sizes, plan)
    expect(plan).toContainEqual([2, 3])
    const bytes = plan.map(([a, b]) => sizes.slice(a, b).reduce((x, y) => x + y, 0))
    // No batch of several files goes over the largest target.
    for (const [i, [a, b]] of plan.entries()) if (b - a > 1) expect(bytes[i]).toBeLessThanOrEqual(limits.max)
  })

  it('cuts smaller batches as the work left shrinks, and as many as the same bytes whatever the file count', () => {
    const even = Array.from({ length: 400 }, () => 100)
    const plan = planBatches(even, 2, limits)
    check(even, plan)
    const lengths = plan.map(([a, b]) => b - a)
    expect(lengths[0]).toBe(10) // 40,000 bytes / (2 threads × 6) → the 1,000-byte ceiling
    expect(lengths.at(-1)).toBe(1) // the 100-byte floor
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a))
    // The same bytes in 4× fewer files: batches hold 4× fewer files, the same bytes.
    const coarse = planBatches(
      Array.from({ length: 100 }, () => 400),
      2,
      limits,
    )
    expect(coarse[0]).toEqual([0, 2])
    expect(planBatches([], 3)).toEqual([])
    expect(planBatches([7], 3)).toEqual([[0, 1]])
  })
})

describe('early pool', () => {
  it('started before the files are known, it scans them, or is closed unused, with the same facts', async () => {
    const rules = loadRules([])
    const files = discoverFiles(tree).files
    const expected = JSON.stringify(await scanPaths(tree, files, { rules, workers: 0 }))
    const options = { workers: 1, limits: DEFAULT_LIMITS, rules, rulesDirs: [] }
    const used = startScanPool(tree, options)!
    expect(JSON.stringify(await scanPaths(tree, files, { rules, workers: 1 }, used))).toBe(expected)
    // Too small a tree for it (the automatic choice): the pool stops and this thread scans.
    const stats = newStats()
    const unused = startScanPool(tree, { ...options, stats })!
    const few = files.slice(0, 5)
    const inThread = await scanPaths(tree, few, { rules }, unused)
    expect(stats.workers).toBe(0)
    expect(JSON.stringify(inThread)).toBe(JSON.stringify(JSON.parse(expected).slice(0, 5)))
  })
})

describe('worker entry', () => {
  it('is the TypeScript source from source, and worker-entry.js beside a built or bundled module', () => {
    const fromSource = workerEntry(new URL('../../src/scan/workers.ts', import.meta.url).href)
    expect(fromSource?.evalCode ?? fromSource?.file?.href).toContain('worker-entry.ts')
    const dir = mkdtempSync(join(tmpdir(), 'pd-entry-'))
    expect(workerEntry(`file://${dir}/engine.js`)).toBeUndefined()
    writeFileSync(join(dir, 'worker-entry.js'), '')
    expect(workerEntry(`file://${dir}/engine.js`)?.file?.href).toBe(`file://${dir}/worker-entry.js`)
    rmSync(dir, { recursive: true, force: true })
  })

  it('is found from an esbuild bundle with code splitting, and the bundled pool matches in-process', async () => {
    const out = mkdtempSync(join(PROJECT, 'tmp', 'bundle-'))
    const src = (p: string): string => JSON.stringify(join(PROJECT, 'src', p))
    try {
      const driver = join(out, 'driver.ts')
      // workersOnly: every batch goes to the bundled workers, however slowly they start on a busy machine.
      writeFileSync(
        driver,
        `import { loadRules } from ${src('rules/load.ts')}
import { discoverFiles } from ${src('scan/files.ts')}
import { readAndScan } from ${src('scan/read-file.ts')}
import { DEFAULT_LIMITS } from ${src('scan/scan-file.ts')}
import { scanFilesInWorkers } from ${src('scan/workers.ts')}
const root = process.argv[2]
const rules = loadRules([])
const stats = { workers: 0, workerBatches: 0, threadBatches: 0 }
const { files } = discoverFiles(root)
const facts = await scanFilesInWorkers(
  root,
  files,
  { workers: 2, limits: DEFAULT_LIMITS, rules, rulesDirs: [], stats, workersOnly: true },
  (p) => readAndScan(root, p, rules),
)
process.stdout.write(JSON.stringify({ stats, facts }))
`,
      )
      await build({
        entryPoints: { driver, 'worker-entry': join(PROJECT, 'src/scan/worker-entry.ts') },
        outdir: join(out, 'dist'),
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        packages: 'external',
        logLevel: 'error',
      })
      const stdout = execFileSync(process.execPath, [join(out, 'dist', 'driver.js'), tree], {
        cwd: PROJECT,
        maxBuffer: 64 * 1024 * 1024,
      }).toString()
      const bundled = JSON.parse(stdout) as { stats: PoolStats; facts: unknown }
      expect(bundled.stats.workers).toBe(2)
      expect(bundled.stats.threadBatches).toBe(0)
      expect(bundled.stats.workerBatches).toBeGreaterThan(0)
      const rules = loadRules([])
      const inProcess = discoverFiles(tree).files.map((p) => readAndScan(tree, p, rules))
      expect(bundled.facts).toEqual(JSON.parse(JSON.stringify(inProcess)))
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})
