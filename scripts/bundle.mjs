// Bundles the GitHub Action into dist/: ESM, not minified, deterministic, and with stable file names (no
// content hashes, so a rebuild changes files rather than renaming them). `npm run bundle`; CI rebuilds it and
// checks `git diff --exit-code dist/`.
//
// dist/index.js         the entry (action.yml `main`): inputs, context, reports, comment; starts fast
// dist/engine.js        the engine with the TypeScript compiler, and the Octokit client (a dynamic import)
// dist/worker-entry.js  the scan worker thread (src/scan/workers.ts looks for it beside itself)
// dist/shared_*.js      code several of them use, named after the files that import it
// dist/rules.json       the built-in rules, validated at build time (read when they match the rules/ folder)
import { build } from 'esbuild'
import { Buffer } from 'node:buffer'
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = join(root, 'dist')

// The TypeScript compiler inside ts-morph reads `__filename`, `__dirname` and `require`, which do not exist in
// an ES module: define them (without this the bundle crashes with "__filename is not defined").
const banner = [
  "import { createRequire as __pdCreateRequire } from 'node:module';",
  "import { fileURLToPath as __pdFileURLToPath } from 'node:url';",
  "import { dirname as __pdDirname } from 'node:path';",
  'const require = __pdCreateRequire(import.meta.url);',
  'const __filename = __pdFileURLToPath(import.meta.url);',
  'const __dirname = __pdDirname(__filename);',
].join('\n')

const started = performance.now()
const result = await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/action/index.ts', 'worker-entry': 'src/scan/worker-entry.ts' },
  outdir,
  bundle: true,
  splitting: true,
  entryNames: '[name]',
  // Hashed here, renamed below to names that only change when the module graph does.
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  format: 'esm',
  // The action runs on node24; our machines run Node 20: emit nothing newer than Node 20 understands.
  target: 'node20',
  minify: false,
  // Small line diffs when dist/ is rebuilt; licences of bundled packages collected at the end of each file.
  legalComments: 'eof',
  sourcemap: false,
  charset: 'utf8',
  banner: { js: banner },
  logLevel: 'warning',
  metafile: true,
  // Build in memory first: a failed build leaves the committed dist/ as it was.
  write: false,
})

/**
 * Stable names: an entry (static or dynamic) keeps its source name; a shared chunk is named after the entries
 * that load it, which is exactly what esbuild groups shared code by.
 */
function stableNames(outputs) {
  const names = new Map()
  for (const [out, meta] of Object.entries(outputs))
    if (meta.entryPoint) names.set(out, basename(meta.entryPoint).replace(/\.[cm]?[jt]s$/, '.js'))
  const users = new Map(Object.keys(outputs).map((out) => [out, new Set()]))
  for (const [out, meta] of Object.entries(outputs)) {
    if (!meta.entryPoint) continue
    // Static imports only: what this entry loads with it (shared chunks can import other shared chunks).
    const queue = [out]
    while (queue.length) {
      const current = queue.pop()
      for (const imp of outputs[current].imports) {
        if (imp.kind !== 'import-statement' || !(imp.path in outputs) || outputs[imp.path].entryPoint)
          continue
        if (!users.get(imp.path).has(names.get(out))) {
          users.get(imp.path).add(names.get(out))
          queue.push(imp.path)
        }
      }
    }
  }
  for (const [out, meta] of Object.entries(outputs)) {
    if (meta.entryPoint) continue
    const by = [...users.get(out)].map((n) => n.replace(/\.js$/, '')).sort()
    names.set(out, `shared_${by.join('_') || 'orphan'}.js`)
  }
  const taken = new Set(names.values())
  if (taken.size !== names.size)
    throw new Error(`bundle: two outputs would share a name: ${[...names.values()].join(', ')}`)
  return names
}

const names = stableNames(result.metafile.outputs)
const renames = [...names].map(([out, name]) => [basename(out), name]).filter(([from, to]) => from !== to)
rmSync(outdir, { recursive: true, force: true })
mkdirSync(outdir, { recursive: true })
const written = []
for (const file of result.outputFiles) {
  let text = file.text
  for (const [from, to] of renames) text = text.split(`./${from}`).join(`./${to}`)
  const name = names.get(relative(root, file.path).split('\\').join('/'))
  if (!name) throw new Error(`bundle: no name for ${file.path}`)
  writeFileSync(join(outdir, name), text)
  written.push([name, Buffer.byteLength(text)])
}
// The built-in rules, validated now, beside the bundle: a fresh runner then skips parsing every rule file.
const snapshot = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/rules-snapshot.ts', outdir], {
  cwd: root,
  encoding: 'utf8',
})
if (snapshot.status !== 0) throw new Error(`bundle: the rules snapshot failed\n${snapshot.stderr}`)
process.stdout.write(snapshot.stdout)
written.sort((a, b) => (a[0] < b[0] ? -1 : 1))
const ms = Math.round(performance.now() - started)
const total = written.reduce((sum, [, size]) => sum + size, 0)
for (const [name, size] of written) console.log(`dist/${name}  ${(size / 1024 / 1024).toFixed(2)} MB`)
console.log(`dist/: ${(total / 1024 / 1024).toFixed(2)} MB in ${written.length} files, ${ms} ms`)
