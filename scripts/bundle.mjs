// Bundles the GitHub Action (src/action/index.ts) into dist/: ESM, not minified, deterministic, file names
// without hashes. `npm run bundle`; CI rebuilds it and checks `git diff --exit-code dist/`.
//
// dist/index.js   the entry: inputs, context, reports, comment (starts in a fraction of a second)
// dist/engine.js  the engine with the TypeScript compiler, and the Octokit client (one dynamic import)
// dist/chunk.js   code both use
//
// Keep exactly one dynamic import boundary (src/action/engine.ts): a second one makes esbuild emit several
// shared chunks, which cannot all be called `chunk.js`.
import { build } from 'esbuild'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
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
  entryPoints: { index: 'src/action/index.ts' },
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: '[name]',
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
  // Build in memory first: a failed build leaves the committed dist/ as it was.
  write: false,
})

rmSync(outdir, { recursive: true, force: true })
mkdirSync(outdir, { recursive: true })
const files = [...result.outputFiles].sort((a, b) => (a.path < b.path ? -1 : 1))
for (const file of files) writeFileSync(file.path, file.contents)
const ms = Math.round(performance.now() - started)
const total = files.reduce((sum, f) => sum + f.contents.length, 0)
for (const f of files)
  console.log(`${relative(root, f.path)}  ${(f.contents.length / 1024 / 1024).toFixed(2)} MB`)
console.log(`dist/: ${(total / 1024 / 1024).toFixed(2)} MB in ${files.length} files, ${ms} ms`)
