/**
 * `npm run bench` — how far privacy-drift is from the parser floor on a large synthetic monorepo.
 *
 *   npm run bench -- [--files 5000] [--mb 20] [--runs 3] [--scale 1250,2500] [--write] [--out FILE]
 *   npm run bench -- --tree DIR [--base REF] [--runs 3] [--write] [--out FILE]
 *
 * With `--tree`, a checked-out git tree is measured instead (a real monorepo): the same phases, with a draft
 * manifest written by `privacy-drift init` outside the tree (for `check`) and `--base` (default HEAD~10) for the
 * PR check; `--write` puts its section into the benchmark docs beside the synthetic results, replacing that
 * tree's previous section.
 *
 * Generates a deterministic tree under .bench/ (a git repository: a base commit and a head commit that changes
 * 20 files), then measures, each phase in its own child process (so peak RSS is the phase's own) and each
 * `--runs` times, interleaved so a noisy neighbour affects every phase alike:
 *
 *   floor     read + ts.createSourceFile + a full forEachChild walk of every file the scan reads
 *   scan      `privacy-drift scan` (default workers: automatic)
 *   scan-1t   `privacy-drift scan --workers 0` (one thread: the per-core overhead over the floor)
 *   no-flows  `privacy-drift scan --no-flows` (what the flows analysis costs: scan / no-flows)
 *   check     `privacy-drift check`
 *   pr        `privacy-drift check --base <base sha>` (a PR check: base inventory from head facts)
 *
 * plus the bundled action's start-up (`node dist/index.js` without inputs) when dist/ is built. Prints medians,
 * ratios and peak RSS as Markdown; `--write` also saves them to docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { BUNDLED_RULES_FILE } from '../src/rules/cache.js'
import { discoverFiles } from '../src/scan/files.js'
import { changeForHead, generateMonorepo } from './bench/generate.js'
import {
  fmtMb,
  fmtS,
  fmtX,
  machine,
  runCommand,
  runPhase,
  summarise,
  type PhaseRun,
  type Summary,
} from './bench/measure.js'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const benchDir = join(repo, '.bench')

interface Args {
  files: number
  mb: number
  runs: number
  scale: number[]
  write: boolean
  out: string
  /** A real checked-out tree to measure instead of the synthetic one. */
  tree?: string
  /** With `tree`: the base ref of the PR check. */
  base: string
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    files: 5000,
    mb: 20,
    runs: 3,
    scale: [],
    write: false,
    out: join(repo, 'docs', 'benchmarks.md'),
    base: 'HEAD~10',
  }
  let scaleGiven = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const value = (): string => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} needs a value`)
      return v
    }
    if (a === '--files') args.files = positive(a, value())
    else if (a === '--mb') args.mb = positive(a, value())
    else if (a === '--runs') args.runs = positive(a, value())
    else if (a === '--scale') {
      scaleGiven = true
      args.scale = value()
        .split(',')
        .filter(Boolean)
        .map((v) => positive(a, v))
    } else if (a === '--tree') args.tree = resolve(value())
    else if (a === '--base') args.base = value()
    else if (a === '--write') args.write = true
    else if (a === '--out') {
      args.out = resolve(value())
      args.write = true
    } else throw new Error(`unknown option ${a} (see the header of scripts/bench.ts)`)
  }
  // By default, memory growth is measured at a quarter and a half of the main size too.
  if (!scaleGiven) args.scale = [Math.round(args.files / 4), Math.round(args.files / 2)]
  args.scale = [...new Set(args.scale.filter((n) => n < args.files))].sort((a, b) => a - b)
  return args
}

function positive(flag: string, v: string): number {
  const n = Number(v)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} ${v}: expected a positive number`)
  return n
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, env: GIT_ENV }).toString().trim()

interface Tree {
  root: string
  files: number
  bytes: number
  base: string
  changed: number
  /** For a real tree: the draft manifest `check` reads (written outside the tree). */
  manifest?: string
}

/** Generates the tree and its two commits. */
function makeTree(files: number, bytes: number): Tree {
  const root = join(benchDir, `tree-${files}`)
  const gen = generateMonorepo(root, { files, bytes })
  git(root, 'init', '-q', '-b', 'main')
  git(root, 'add', '-A')
  git(root, 'commit', '-q', '-m', 'base')
  const base = git(root, 'rev-parse', 'HEAD')
  const changed = changeForHead(root, gen.files, 20)
  git(root, 'commit', '-q', '-am', 'head: 20 files changed')
  return { root, files: gen.files.length, bytes: gen.bytes, base, changed: changed.length }
}

/**
 * Bundles the phase runner and the scan worker the way scripts/bundle.mjs bundles the action (ESM, dependencies
 * included, code splitting, the CommonJS globals the TypeScript compiler reads), so phases run the same kind of
 * code as the action, with no TypeScript loader in the process or its workers.
 */
async function bundlePhase(): Promise<string> {
  // A snapshot of the rules beside the bundle (found first when the bundle looks for its rules folder), so that
  // rule edits during a run neither change what is measured nor invalidate the rules cache half-way.
  const snap = join(benchDir, 'snapshot')
  rmSync(snap, { recursive: true, force: true })
  cpSync(join(repo, 'rules'), join(snap, 'rules'), { recursive: true })
  const outdir = join(snap, 'dist')
  await build({
    absWorkingDir: repo,
    entryPoints: { phase: 'scripts/bench/phase.ts', 'worker-entry': 'src/scan/worker-entry.ts' },
    outdir,
    bundle: true,
    splitting: true,
    entryNames: '[name]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: {
      js: [
        "import { createRequire as __pdCreateRequire } from 'node:module';",
        "import { fileURLToPath as __pdFileURLToPath } from 'node:url';",
        "import { dirname as __pdDirname } from 'node:path';",
        'const require = __pdCreateRequire(import.meta.url);',
        'const __filename = __pdFileURLToPath(import.meta.url);',
        'const __dirname = __pdDirname(__filename);',
      ].join('\n'),
    },
    logLevel: 'error',
  })
  // The validated built-in rules beside the bundle, as `npm run bundle` ships them with the action.
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/rules-snapshot.ts', outdir], { cwd: repo })
  return join(outdir, 'phase.js')
}

type PhaseName = 'floor' | 'scan' | 'scan-1t' | 'no-flows' | 'check' | 'pr'

function phaseArgs(name: PhaseName, tree: Tree): string[] {
  switch (name) {
    case 'floor':
      return ['floor', tree.root]
    case 'scan':
      return ['scan', tree.root]
    case 'scan-1t':
      return ['scan', tree.root, '--workers', '0']
    case 'no-flows':
      return ['scan', tree.root, '--no-flows']
    case 'check':
      return ['check', tree.root, ...manifestFlag(tree)]
    case 'pr':
      return ['check', tree.root, '--base', tree.base, ...manifestFlag(tree)]
  }
}

const manifestFlag = (tree: Tree): string[] => (tree.manifest ? ['--manifest', tree.manifest] : [])

/**
 * A real checked-out tree: what the scan reads (files and bytes after the default excludes), the PR base, and a
 * draft manifest from `privacy-drift init` so that `check` has one to compare with.
 */
function realTree(script: string, root: string, baseRef: string): Tree {
  if (!existsSync(join(root, '.git'))) throw new Error(`--tree ${root}: not a git checkout`)
  const files = discoverFiles(root).files
  let bytes = 0
  for (const f of files) bytes += statSync(join(root, f)).size
  const base = git(root, 'rev-parse', baseRef)
  const changed = git(root, 'diff', '--name-only', base, 'HEAD').split('\n').filter(Boolean).length
  const manifest = join(benchDir, 'manifests', `${basename(root)}.yml`)
  mkdirSync(dirname(manifest), { recursive: true })
  runPhase(script, ['init', root, '--manifest', manifest, '--force'], repo)
  return { root, files: files.length, bytes, base, changed, manifest }
}

function measureTree(script: string, tree: Tree, phases: PhaseName[], runs: number): Map<PhaseName, Summary> {
  const results = new Map<PhaseName, PhaseRun[]>(phases.map((p) => [p, []]))
  // One untimed scan first: warms the rules cache and the file system cache, as a second CI step would see it.
  runPhase(script, ['scan', tree.root], repo)
  for (let r = 0; r < runs; r++) {
    for (const p of phases) {
      const run = runPhase(script, phaseArgs(p, tree), repo)
      results.get(p)!.push(run)
      process.stderr.write(
        `  ${tree.files} files · ${p.padEnd(7)} run ${r + 1}/${runs}: ${fmtS(run.ms)} (${fmtMb(run.rssMb)})\n`,
      )
    }
  }
  return new Map([...results].map(([p, rs]) => [p, summarise(rs)]))
}

/** The bundled action with no inputs: how long until it exits (it should fail fast, not load the world). */
function actionStartup(runs: number): { summary: Summary; exitCode: number } | undefined {
  const dist = join(repo, 'dist', 'index.js')
  if (!existsSync(dist)) return undefined
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env))
    if (!/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)) env[k] = v
  const scratch = join(benchDir, 'action-cwd')
  mkdirSync(scratch, { recursive: true })
  const rs: PhaseRun[] = []
  for (let i = 0; i < Math.max(5, runs); i++) rs.push(runCommand(process.execPath, [dist], scratch, env))
  return { summary: summarise(rs), exitCode: rs[0]!.exitCode }
}

/** Rule loading in fresh processes: cold (no snapshot, no cache), from the bundled snapshot, from the disk cache. */
function rulesLoad(script: string): { cold: PhaseRun; bundled: PhaseRun; cached: PhaseRun } {
  // The phase bundle's own cache (rules/../node_modules/.cache), not the checkout's.
  const clearCache = (): void =>
    rmSync(join(dirname(dirname(script)), 'node_modules', '.cache', 'privacy-drift'), {
      recursive: true,
      force: true,
    })
  const snapshot = join(dirname(script), BUNDLED_RULES_FILE)
  const aside = `${snapshot}.aside`
  clearCache()
  renameSync(snapshot, aside)
  const cold = runPhase(script, ['rules', '.'], repo)
  // The snapshot is read before the disk cache (which the cold run just wrote).
  renameSync(aside, snapshot)
  const bundled = runPhase(script, ['rules', '.'], repo)
  renameSync(snapshot, aside)
  const cached = runPhase(script, ['rules', '.'], repo)
  renameSync(aside, snapshot)
  return { cold, bundled, cached }
}

/** How the default `scan` ran: the automatic choice of each run (it reads the machine's load, so it may vary). */
function threadsLabel(s: Summary | undefined): string {
  const counts = new Map<number, number>()
  for (const w of s?.autoWorkers ?? []) counts.set(w, (counts.get(w) ?? 0) + 1)
  const each = [...counts]
    .sort((a, b) => a[0] - b[0])
    .map(([w, n]) => `${w === 0 ? 'one thread' : `${w} worker${w > 1 ? 's' : ''} + main thread`} in ${n}`)
  return each.length ? `automatic: ${each.join(', ')} of ${s!.runs} runs` : 'automatic'
}

/** The phases of one tree as a Markdown table: medians, ratios to the floor, CPU and peak RSS. */
function phaseTable(r: Map<PhaseName, Summary>): string[] {
  const floor = r.get('floor')!
  const lines = [
    '| Phase | Work (median) | × floor | Fastest run | CPU, all threads | Whole process | Peak RSS |',
    '|---|---|---|---|---|---|---|',
  ]
  const label: Record<PhaseName, string> = {
    floor: 'Parse floor (read + parse + walk)',
    scan: `\`scan\` (default, ${threadsLabel(r.get('scan'))})`,
    'scan-1t': '`scan --workers 0` (one thread)',
    'no-flows': '`scan --no-flows` (default threads)',
    check: '`check`',
    pr: '`check --base <sha>` (PR check)',
  }
  for (const [p, s] of r)
    lines.push(
      `| ${label[p]} | ${fmtS(s.ms)} | ${fmtX(s.ms / floor.ms)} | ${fmtS(s.bestMs)} | ${fmtS(s.cpuMs)} | ${fmtS(s.processMs)} | ${fmtMb(s.rssMb)} |`,
    )
  return lines
}

/** The section of a real tree (between markers, so that `--write` replaces only that tree's figures). */
function treeSection(
  args: Args,
  info: Record<string, string>,
  infoAfter: Record<string, string>,
  tree: Tree,
  r: Map<PhaseName, Summary>,
): string {
  const name = basename(tree.root)
  const floor = r.get('floor')!
  const scan = r.get('scan')!
  const one = r.get('scan-1t')!
  const pr = r.get('pr')!
  const noFlows = r.get('no-flows')!
  const head = git(tree.root, 'rev-parse', 'HEAD')
  const lines = [
    `<!-- tree:${name} -->`,
    `## Real tree: ${name}, ${tree.files.toLocaleString('en')} files, ${(tree.bytes / 1e6).toFixed(1)} MB`,
    '',
    `\`npm run bench -- --tree ${name} --base ${args.base} --runs ${args.runs}\` at commit \`${head.slice(0, 12)}\` ` +
      `(files and bytes the scan reads, after the default excludes; the tree is not committed here), medians of ` +
      `${args.runs} interleaved runs. ${info.cores} cores (${info.cpu}), Node ${info.node}; load average before ` +
      `${info.load}, after ${infoAfter.load}.`,
    '',
    ...phaseTable(r),
    '',
    `- Full scan / floor: **${fmtX(scan.ms / floor.ms)}**; one thread ${fmtX(one.ms / floor.ms)} ` +
      `(CPU ${fmtX(one.cpuMs / floor.cpuMs)}); default / one thread: ${fmtX(scan.ms / one.ms)}.`,
    `- PR check / full scan: **${fmtX(pr.ms / scan.ms)}**; ${tree.changed} files changed since the base.`,
    `- Flows: full scan / \`--no-flows\` **${fmtX(scan.ms / noFlows.ms)}** (target ≤ 1.15×; CPU ` +
      `${fmtX(scan.cpuMs / noFlows.cpuMs)}).`,
    `- CPU time, all threads (steadier than wall time on a busy machine): full scan / floor ` +
      `${fmtX(scan.cpuMs / floor.cpuMs)}, one thread / floor ${fmtX(one.cpuMs / floor.cpuMs)}, PR check / full scan ` +
      `${fmtX(pr.cpuMs / scan.cpuMs)}.`,
    `- Peak RSS: full scan **${fmtMb(scan.rssMb)}**, one thread ${fmtMb(one.rssMb)}, PR check ${fmtMb(pr.rssMb)}.`,
    `<!-- /tree:${name} -->`,
  ]
  return lines.join('\n')
}

/** The doc with this tree's section replaced (or appended): other trees' sections and the rest stay. */
function withSection(doc: string, name: string, section: string): string {
  const start = doc.indexOf(`<!-- tree:${name} -->`)
  const endMarker = `<!-- /tree:${name} -->`
  const end = doc.indexOf(endMarker, start)
  if (start < 0 || end < 0) return `${doc.trimEnd()}\n\n${section}\n`
  return doc.slice(0, start) + section + doc.slice(end + endMarker.length)
}

/** The real-tree sections of a doc, kept when the synthetic run rewrites it. */
function treeSections(doc: string): string[] {
  return doc.match(/<!-- tree:[^>]+ -->[\s\S]*?<!-- \/tree:[^>]+ -->/g) ?? []
}

function report(
  args: Args,
  info: Record<string, string>,
  infoAfter: Record<string, string>,
  sizes: { tree: Tree; results: Map<PhaseName, Summary> }[],
  action: ReturnType<typeof actionStartup>,
  rules: ReturnType<typeof rulesLoad>,
): string {
  const main = sizes[sizes.length - 1]!
  const r = main.results
  const floor = r.get('floor')!
  const lines: string[] = []
  const mb = (main.tree.bytes / 1e6).toFixed(1)
  lines.push(`# Benchmarks`, '')
  lines.push(
    `Produced by \`npm run bench${
      process.argv.length > 2
        ? ' -- ' +
          process.argv
            .slice(2)
            .filter((a) => a !== '--write')
            .join(' ')
        : ''
    }\` ` +
      `(scripts/bench.ts): a synthetic monorepo of ${main.tree.files.toLocaleString('en')} files, ${mb} MB, ` +
      `medians of ${args.runs} interleaved runs, each phase in its own process.`,
    '',
  )
  lines.push('## Machine', '')
  lines.push(`| | |`, `|---|---|`)
  lines.push(
    `| CPU | ${info.cpu} |`,
    `| Cores | ${info.cores} |`,
    `| Memory | ${info.memory} |`,
    `| Node | ${info.node} |`,
  )
  lines.push(`| Load average (1/5/15 min) | before ${info.load}; after ${infoAfter.load} |`, '')
  lines.push(`## ${main.tree.files.toLocaleString('en')} files, ${mb} MB`, '')
  lines.push(...phaseTable(r))
  lines.push('')
  const scan = r.get('scan')!
  const oneThread = r.get('scan-1t')!
  const pr = r.get('pr')!
  lines.push(
    `- Full scan / floor: **${fmtX(scan.ms / floor.ms)}** (target ≤ 1.5×); on one thread ${fmtX(oneThread.ms / floor.ms)} ` +
      `(CPU ${fmtX(oneThread.cpuMs / floor.cpuMs)}).`,
  )
  lines.push(
    `- PR check / full scan: **${fmtX(pr.ms / scan.ms)}** (target ≤ 1.3×); ${main.tree.changed} files changed since the base.`,
  )
  const noFlows = r.get('no-flows')!
  lines.push(
    `- Full scan / scan without the flows analysis: **${fmtX(scan.ms / noFlows.ms)}** (target ≤ 1.15×; ` +
      `CPU ${fmtX(scan.cpuMs / noFlows.cpuMs)}).`,
  )
  lines.push(`- Peak RSS of the full scan: **${fmtMb(scan.rssMb)}** (target ≤ 400 MB).`)
  lines.push(
    `- Rules: ${fmtS(rules.cold.ms)} to load and validate from the YAML (${fmtMb(rules.cold.rssMb)}), ` +
      `${fmtS(rules.bundled.ms)} from the snapshot in dist/ that a fresh action runner reads (${fmtMb(rules.bundled.rssMb)}), ` +
      `${fmtS(rules.cached.ms)} from the disk cache (${fmtMb(rules.cached.rssMb)}).`,
  )
  if (action)
    lines.push(
      `- Bundled action start-up (\`node dist/index.js\`, no inputs, exit ${action.exitCode}): **${fmtS(action.summary.processMs)}** ` +
        `(target < 0.5 s), ${fmtMb(action.summary.rssMb)}.`,
    )
  else lines.push('- Bundled action start-up: not measured, dist/index.js is not built (`npm run bundle`).')
  lines.push('')
  lines.push('## Growth with the size of the tree', '')
  lines.push(
    '| Files | MB | Floor | `scan` (default) | × floor | `scan`, one thread | × floor | PR check | Peak RSS: floor | `scan` | one thread | PR check |',
  )
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|')
  for (const { tree, results } of sizes) {
    const f = results.get('floor')!
    const s = results.get('scan')!
    const one = results.get('scan-1t')!
    const p = results.get('pr')!
    lines.push(
      `| ${tree.files.toLocaleString('en')} | ${(tree.bytes / 1e6).toFixed(1)} | ${fmtS(f.ms)} | ${fmtS(s.ms)} (${threadsLabel(s)}) | ` +
        `${fmtX(s.ms / f.ms)} | ${fmtS(one.ms)} | ${fmtX(one.ms / f.ms)} | ${fmtS(p.ms)} | ${fmtMb(f.rssMb)} | ${fmtMb(s.rssMb)} | ` +
        `${fmtMb(one.rssMb)} | ${fmtMb(p.rssMb)} |`,
    )
  }
  if (sizes.length > 1) {
    const a = sizes[0]!
    const rss = (x: (typeof sizes)[number]): number => x.results.get('scan-1t')!.rssMb
    const growth = (rss(main) - rss(a)) / (main.tree.files - a.tree.files)
    lines.push(
      '',
      `On one thread, peak RSS grows by ${(growth * 1000).toFixed(0)} MB per 1,000 files between ` +
        `${a.tree.files.toLocaleString('en')} and ${main.tree.files.toLocaleString('en')} files: ${fmtX(rss(main) / rss(a))} ` +
        `the memory for ${fmtX(main.tree.files / a.tree.files)} the files. Each worker thread adds its own copy of the ` +
        'TypeScript compiler and heap.',
    )
  }
  lines.push(
    '',
    'Work time starts once modules are loaded (for every phase alike); "whole process" adds Node start-up and module ' +
      'loading. The phases run from an esbuild bundle of the sources built like the action, with a snapshot of the ' +
      'rules. CPU time counts every thread, ' +
      'so it is the fairer comparison on a busy machine; wall-clock work time is what a CI job waits for.',
    '',
  )
  return lines.join('\n')
}

async function benchMain(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const info = machine()
  mkdirSync(benchDir, { recursive: true })
  process.stderr.write(`Bundling the phase runner…\n`)
  const script = await bundlePhase()
  if (args.tree) return benchTree(args, info, script)
  const rules = rulesLoad(script)
  const sizes: { tree: Tree; results: Map<PhaseName, Summary> }[] = []
  const bytesPerFile = (args.mb * 1e6) / args.files
  for (const files of [...args.scale, args.files]) {
    process.stderr.write(`Generating ${files} files…\n`)
    const tree = makeTree(files, Math.round(files * bytesPerFile))
    const main = files === args.files
    const phases: PhaseName[] = main
      ? ['floor', 'scan', 'no-flows', 'scan-1t', 'check', 'pr']
      : ['floor', 'scan', 'scan-1t', 'pr']
    sizes.push({ tree, results: measureTree(script, tree, phases, args.runs) })
  }
  const action = actionStartup(args.runs)
  const text = report(args, info, machine(), sizes, action, rules)
  process.stdout.write(text + '\n')
  if (args.write) {
    mkdirSync(dirname(args.out), { recursive: true })
    // The real trees' sections stay: they are measured separately (`--tree`).
    const kept = existsSync(args.out) ? treeSections(readFileSync(args.out, 'utf8')) : []
    writeFileSync(args.out, [text.trimEnd(), ...kept].join('\n\n') + '\n')
    process.stderr.write(`Written to ${args.out}\n`)
  }
}

/** `--tree DIR`: every phase on a checked-out tree, as one section of the benchmark docs. */
function benchTree(args: Args, info: Record<string, string>, script: string): void {
  process.stderr.write(`Reading ${args.tree}…\n`)
  const tree = realTree(script, args.tree!, args.base)
  const phases: PhaseName[] = ['floor', 'scan', 'no-flows', 'scan-1t', 'check', 'pr']
  const results = measureTree(script, tree, phases, args.runs)
  const section = treeSection(args, info, machine(), tree, results)
  process.stdout.write(section + '\n')
  if (args.write) {
    const doc = existsSync(args.out) ? readFileSync(args.out, 'utf8') : '# Benchmarks\n'
    writeFileSync(args.out, withSection(doc, basename(tree.root), section).trimEnd() + '\n')
    process.stderr.write(`Written to ${args.out}\n`)
  }
}

await benchMain()
