/**
 * One benchmark phase, run in its own process so that its peak RSS is its own. Prints one JSON line:
 * { phase, ms, files, maxRssKb, ... }. `ms` covers the work only (modules are imported before the clock
 * starts, as they are for the floor); the parent also times the whole process.
 *
 *   phase.ts floor <root>                 read + ts.createSourceFile + forEachChild walk of every scanned file
 *   phase.ts scan <root> [cli flags]      `privacy-drift scan <root> --format json`
 *   phase.ts check <root> [cli flags]     `privacy-drift check <root> --format json` (incl. `--base <sha>`)
 *   phase.ts rules <cwd>                  load the built-in rules (cached or not)
 *   phase.ts init <root> [cli flags]      `privacy-drift init <root>` (a draft manifest for a real tree; not timed)
 */
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ts } from 'ts-morph'
import { main } from '../../src/cli/main.js'
import { cliExtensions } from '../../src/cli/extensions.js'
import { loadRules } from '../../src/rules/load.js'
import { discoverFiles } from '../../src/scan/files.js'
import { SOURCE_EXTENSIONS } from '../../src/scan/scan-file.js'
import { defaultWorkerCount, fileSizes } from '../../src/scan/workers.js'

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  ts: ts.ScriptKind.TS,
  mts: ts.ScriptKind.TS,
  cts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
}

const PARSE_OPTIONS: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
}

/** The floor: what any AST-based scanner must do for the same files with the same parser and settings. */
function floor(root: string, files: readonly string[]): { files: number; parsed: number; nodes: number } {
  let nodes = 0
  let parsed = 0
  const walk = (node: ts.Node): void => {
    nodes++
    ts.forEachChild(node, walk)
  }
  for (const path of files) {
    const text = readFileSync(join(root, path), 'utf8')
    const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase()
    if (!SOURCE_EXTENSIONS.has(ext)) continue
    // Same call as the scanner (src/scan/walk/scan-source.ts): no parent pointers, JSDoc not parsed, JSX for .js.
    const sf = ts.createSourceFile(path, text, PARSE_OPTIONS, false, SCRIPT_KINDS[ext] ?? ts.ScriptKind.JSX)
    walk(sf)
    parsed++
  }
  return { files: files.length, parsed, nodes }
}

async function run(): Promise<void> {
  const [phase, root, ...flags] = process.argv.slice(2)
  if (!phase || !root) throw new Error('usage: phase.ts <floor|scan|check|rules|init> <root> [flags]')
  // Discovery of the file list is not part of the floor: only read + parse + walk.
  const files = phase === 'floor' ? discoverFiles(root).files : []
  // What the automatic worker choice makes of this tree on this machine now (it reads the load average).
  const auto =
    (phase === 'scan' || phase === 'check') && !flags.includes('--workers')
      ? defaultWorkerCount(fileSizes(root, discoverFiles(root).files).reduce((a, b) => a + b, 0))
      : undefined
  const start = performance.now()
  const cpu0 = process.cpuUsage()
  let extra: Record<string, unknown> = { autoWorkers: auto }
  if (phase === 'floor') {
    extra = floor(root, files)
  } else if (phase === 'rules') {
    extra = { vendors: loadRules([], root).vendors.size }
  } else if (phase === 'init') {
    const code = await main(['init', root, ...flags], cliExtensions)
    if (code !== 0) throw new Error(`init failed with exit code ${code}`)
  } else {
    // Rendering and writing the report is part of the work. (Never `--output /dev/null`: the report is written
    // atomically, by renaming a temporary file over the target.)
    const out = join(tmpdir(), `privacy-drift-bench-${process.pid}.json`)
    const code = await main(
      [phase, root, '--format', 'json', '--output', out, '--no-progress', ...flags],
      cliExtensions,
    )
    rmSync(out, { force: true })
    extra = { ...extra, exitCode: code }
    if (code === 2) throw new Error(`${phase} failed with exit code 2`)
  }
  const ms = performance.now() - start
  const cpu = process.cpuUsage(cpu0)
  const maxRssKb = process.resourceUsage().maxRSS
  const mem = process.memoryUsage()
  extra.heapUsedMb = Math.round(mem.heapUsed / 1e6)
  extra.heapTotalMb = Math.round(mem.heapTotal / 1e6)
  // CPU time covers every thread of the process (workers too): less sensitive to a busy machine than wall time.
  process.stdout.write(
    JSON.stringify({ phase, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb, ...extra }) + '\n',
  )
}

await run()
