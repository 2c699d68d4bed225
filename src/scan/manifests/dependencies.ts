import { posix } from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { parse as parseYaml } from 'yaml'
import { domainOfUrlOrHost } from '../../util/domain.js'
import { detectHostsInString } from '../detectors/hosts.js'
import type { DeclaredDependency, FileScan } from '../file-scan.js'
import { PROJECT_CONFIG, readTsconfig } from './tsconfig.js'
import { parseJson } from '../../util/json.js'

type Ecosystem = DeclaredDependency['ecosystem']

/** The manifest reader for a file name, if it is a dependency manifest. */
export function manifestReader(basename: string): ((scan: FileScan, text: string) => void) | undefined {
  if (basename === 'package.json') return readPackageJson
  if (/^requirements([-_.][\w.-]*)?\.txt$/.test(basename)) return readRequirements
  if (basename === 'pyproject.toml') return readPyproject
  if (basename === 'Pipfile') return readPipfile
  if (basename === 'Gemfile') return readGemfile
  if (basename === 'go.mod') return readGoMod
  if (basename === 'composer.json') return readComposer
  if (basename === 'Podfile') return readPodfile
  if (basename === 'build.gradle' || basename === 'build.gradle.kts') return readGradle
  if (basename === 'pom.xml') return readPom
  if (basename === 'pubspec.yaml') return readPubspec
  if (/\.csproj$/.test(basename)) return readCsproj
  if (PROJECT_CONFIG.test(basename)) return readTsconfig
  return undefined
}

/** Where each file's search for the next name starts, and how many characters it may still search. */
const searches = new WeakMap<FileScan, { from: number; budget: number }>()

/** A few passes over the text: far more than any real manifest needs. */
const SEARCH_PASSES = 8

function searchOf(scan: FileScan, text: string): { from: number; budget: number } {
  let search = searches.get(scan)
  if (!search) searches.set(scan, (search = { from: 0, budget: SEARCH_PASSES * (text.length + 1) }))
  return search
}

/** The next names are searched from where `needle` first occurs (a JSON field's key: its names follow it). */
function searchFrom(scan: FileScan, text: string, needle: string): void {
  const search = searchOf(scan, text)
  const at = search.budget > 0 ? text.indexOf(needle) : -1
  search.budget -= (at < 0 ? text.length : at + needle.length) + 1
  search.from = Math.max(0, at)
}

function add(
  scan: FileScan,
  ecosystem: Ecosystem,
  name: string,
  text: string,
  dev = false,
  hint?: string,
  range?: string,
): void {
  const needle = hint ?? name
  // Manifests list their dependencies in order: each name is searched from the last one found on, and from the
  // start only when it is not further on. The search work is capped, so a crafted manifest of 40,000 names costs
  // a few passes over its text, not one pass per name; past the cap a name is placed at the start of the file.
  const search = searchOf(scan, text)
  let offset = -1
  for (const from of search.from > 0 ? [search.from, 0] : [0]) {
    if (search.budget <= 0) break
    offset = text.indexOf(needle, from)
    search.budget -= (offset < 0 ? text.length : offset + needle.length) - from + 1
    if (offset >= 0) break
  }
  if (offset >= 0) search.from = offset + needle.length
  const { line, column } = scan.positionAt(Math.max(0, offset))
  scan.facts.dependencies.push(
    range === undefined
      ? { ecosystem, name, line, column, dev }
      : { ecosystem, name, line, column, dev, range },
  )
}

/**
 * A JSON manifest's top-level object; anything else (broken JSON, `null`, an array, a string) is a note that
 * says so without quoting the file, and undefined.
 */
function jsonObject(scan: FileScan, file: string, text: string): Record<string, unknown> | undefined {
  let json: unknown
  try {
    json = parseJson(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    scan.note('warning', `${file} ${(e as Error).message}; its dependencies were not read`)
    return undefined
  }
  if (json !== null && typeof json === 'object' && !Array.isArray(json))
    return json as Record<string, unknown>
  const kind = json === null ? 'null' : Array.isArray(json) ? 'an array' : `a ${typeof json}`
  scan.note('warning', `${file} is ${kind}, not a JSON object; its dependencies were not read`)
  return undefined
}

function readPackageJson(scan: FileScan, text: string): void {
  const pkg = jsonObject(scan, 'package.json', text)
  if (!pkg) return
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies']) {
    const deps = pkg[field]
    if (!deps || typeof deps !== 'object') continue
    searchFrom(scan, text, `"${field}"`)
    for (const [name, range] of Object.entries(deps as Record<string, unknown>)) {
      add(
        scan,
        'npm',
        name,
        text,
        field === 'devDependencies',
        `"${name}"`,
        typeof range === 'string' ? range : undefined,
      )
      if (field === 'peerDependencies')
        scan.facts.dependencies[scan.facts.dependencies.length - 1]!.peer = true
    }
  }
  if (typeof pkg.name === 'string' && pkg.name) {
    scan.facts.packageName = pkg.name
    scan.facts.packageEntries = packageEntries(pkg)
    if (pkg.private !== true && (Array.isArray(pkg.files) || pkg.bin || pkg.publishConfig))
      scan.facts.published = true
  }
  const own = ownDomains(pkg)
  if (own.length > 0) scan.facts.ownDomains = own
  const scripts = scriptFiles(pkg)
  if (scripts.length > 0) scan.facts.scriptFiles = scripts
}

/** A runtime (with its flags) and the script file it runs: `node ./x.mjs`, `tsx --conditions=a bin/y.ts`, `bun run x.ts`. */
const RUNS_FILE =
  /(?:^|[\s;&|(])(?:node|tsx|ts-node|ts-node-esm|bun|vite-node|esno|esrun|babel-node)(?:\s+run)?(?:\s+-\S+)*\s+((?:\.\/)?[\w@./-]+\.(?:[cm]?js|[cm]?ts))(?=$|[\s;&|)])/g

/** The files a package.json's `scripts` run (`"release": "node ./extra/release.mjs"`), by script name. */
function scriptFiles(pkg: Record<string, unknown>): { script: string; file: string }[] {
  const scripts = pkg.scripts
  if (!scripts || typeof scripts !== 'object') return []
  const out: { script: string; file: string }[] = []
  for (const [script, command] of Object.entries(scripts as Record<string, unknown>)) {
    if (typeof command !== 'string') continue
    for (const m of command.matchAll(RUNS_FILE)) out.push({ script, file: posix.normalize(m[1]!) })
  }
  return out
}

/** Code and package hosts: a homepage there (or links to it) is a repository page, not the product's own domain. */
export const CODE_HOSTS: ReadonlySet<string> = new Set([
  'github.com',
  'gitlab.com',
  'bitbucket.org',
  'codeberg.org',
  'sr.ht',
  'npmjs.com',
])

/** The registrable domains a package.json names as the product's: `homepage` and `repository` (not code hosts). */
function ownDomains(pkg: Record<string, unknown>): string[] {
  const repo = pkg.repository
  const urls = [pkg.homepage, typeof repo === 'object' && repo ? (repo as { url?: unknown }).url : repo]
  const out = new Set<string>()
  for (const u of urls) {
    if (typeof u !== 'string') continue
    const domain = domainOfUrlOrHost(u.replace(/^git\+/, ''))
    if (domain && !CODE_HOSTS.has(domain)) out.add(domain)
  }
  return [...out]
}

/** A package's entry files, relative to its folder, as written (`./src/index.ts`), plus `src/` guesses for built paths. */
function packageEntries(pkg: Record<string, unknown>): string[] {
  const out: string[] = []
  const push = (v: unknown): void => {
    if (typeof v === 'string') out.push(v.replace(/^\.\//, ''))
    else if (v && typeof v === 'object') for (const x of Object.values(v as object)) push(x)
  }
  const exp = pkg.exports
  if (typeof exp === 'string') push(exp)
  else if (exp && typeof exp === 'object') {
    const dot = (exp as Record<string, unknown>)['.']
    push(dot ?? (Object.keys(exp).some((k) => k.startsWith('.')) ? undefined : exp))
  }
  for (const field of ['source', 'module', 'main', 'types']) push(pkg[field])
  // `dist/index.js` is not scanned; its source usually is `src/index.ts`.
  const guesses = out
    .filter((e) => /^(dist|build|lib|out)\//.test(e))
    .map((e) => e.replace(/^(dist|build|lib|out)\//, 'src/').replace(/\.d\.ts$|\.(m|c)?js$/, ''))
  return [...new Set([...out.filter((e) => !e.endsWith('.d.ts')), ...guesses])]
}

function readRequirements(scan: FileScan, text: string): void {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim()
    if (!line || line.startsWith('-')) continue
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line)
    if (m) add(scan, 'pypi', normalisePypi(m[1]!), text, false, m[1])
  }
}

function normalisePypi(name: string): string {
  return name.toLowerCase().replace(/[._]+/g, '-')
}

function readPyproject(scan: FileScan, text: string): void {
  let doc: Record<string, unknown>
  try {
    doc = parseToml(text) as Record<string, unknown>
  } catch (e) {
    scan.note('warning', `pyproject.toml could not be parsed (${(e as Error).message.split('\n')[0]})`)
    return
  }
  const names = new Set<string>()
  const project = doc.project as
    { dependencies?: string[]; 'optional-dependencies'?: Record<string, string[]> } | undefined
  for (const d of project?.dependencies ?? []) names.add(d)
  for (const list of Object.values(project?.['optional-dependencies'] ?? {}))
    for (const d of list) names.add(d)
  const poetry = (doc.tool as { poetry?: { dependencies?: Record<string, unknown> } } | undefined)?.poetry
  for (const d of Object.keys(poetry?.dependencies ?? {})) if (d !== 'python') names.add(d)
  for (const d of names) {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(d)
    if (m) add(scan, 'pypi', normalisePypi(m[1]!), text, false, m[1])
  }
}

function readPipfile(scan: FileScan, text: string): void {
  try {
    const doc = parseToml(text) as Record<string, Record<string, unknown> | undefined>
    for (const name of Object.keys(doc.packages ?? {}))
      add(scan, 'pypi', normalisePypi(name), text, false, name)
  } catch (e) {
    scan.note('warning', `Pipfile could not be parsed (${(e as Error).message.split('\n')[0]})`)
  }
}

function readGemfile(scan: FileScan, text: string): void {
  // Gems in `group :development, :test do … end` never run in production.
  let devDepth = 0
  let depth = 0
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '')
    if (/^\s*group\b.*\bdo\s*$/.test(line)) {
      depth++
      if (/:(development|test)\b/.test(line) && !/:production\b/.test(line)) devDepth = devDepth || depth
      continue
    }
    if (/^\s*end\s*$/.test(line) && depth > 0) {
      if (devDepth === depth) devDepth = 0
      depth--
      continue
    }
    const m = /^\s*gem\s+['"]([\w.-]+)['"]/.exec(line)
    if (m && devDepth === 0) add(scan, 'gem', m[1]!, text, false, m[0])
  }
}

function readGoMod(scan: FileScan, text: string): void {
  let inBlock = false
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim()
    if (/^require\s*\($/.test(line)) {
      inBlock = true
      continue
    }
    if (inBlock && line === ')') {
      inBlock = false
      continue
    }
    const m = inBlock ? /^(\S+)\s+v/.exec(line) : /^require\s+(\S+)\s+v/.exec(line)
    if (m) add(scan, 'golang', m[1]!, text)
  }
}

function readComposer(scan: FileScan, text: string): void {
  const require = jsonObject(scan, 'composer.json', text)?.require
  if (!require || typeof require !== 'object') return
  for (const name of Object.keys(require)) add(scan, 'composer', name, text, false, `"${name}"`)
}

function readPodfile(scan: FileScan, text: string): void {
  for (const m of text.matchAll(/^\s*pod\s+['"]([\w./+-]+)['"]/gm))
    add(scan, 'cocoapods', m[1]!.split('/')[0]!, text, false, m[0])
}

function readGradle(scan: FileScan, text: string): void {
  const re = /\b(?:implementation|api|compile|runtimeOnly)\s*\(?\s*['"]([\w.-]+):([\w.-]+)(?::[^'"]*)?['"]/g
  for (const m of text.matchAll(re)) add(scan, 'maven', `${m[1]}:${m[2]}`, text, false, m[0])
}

function readPom(scan: FileScan, text: string): void {
  const re = /<dependency>\s*<groupId>([^<]+)<\/groupId>\s*<artifactId>([^<]+)<\/artifactId>/g
  for (const m of text.matchAll(re)) add(scan, 'maven', `${m[1]!.trim()}:${m[2]!.trim()}`, text, false, m[0])
}

function readPubspec(scan: FileScan, text: string): void {
  try {
    const doc = parseYaml(text, { maxAliasCount: 50 }) as { dependencies?: Record<string, unknown> } | null
    for (const name of Object.keys(doc?.dependencies ?? {}))
      if (name !== 'flutter') add(scan, 'pub', name, text, false, `${name}:`)
  } catch (e) {
    scan.note('warning', `pubspec.yaml could not be parsed (${(e as Error).message.split('\n')[0]})`)
  }
}

function readCsproj(scan: FileScan, text: string): void {
  for (const m of text.matchAll(/<PackageReference\s+Include="([^"]+)"/g))
    add(scan, 'nuget', m[1]!, text, false, m[0])
}

/**
 * `.env.example`: variable names that name a vendor, and vendor hosts in the example values
 * (`DATABASE_URL=postgres://…@aws-0-eu-central-1.pooler.supabase.com`). Templates hold no secrets; real `.env`
 * files are never read.
 */
export function readEnvExample(scan: FileScan, text: string): void {
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(raw)
    if (!m) return
    const at = { line: i + 1, column: raw.indexOf(m[1]!) + 1 }
    const vendor = scan.rules.vendorForEnv(m[1]!)
    if (vendor) scan.vendor(vendor, at, 'env', `environment variable ${m[1]}`, m[1], 'medium')
    const value = m[2]!.replace(/\s+#.*$/, '').replace(/^["']|["']$/g, '')
    if (value.indexOf('.') >= 0) detectHostsInString(scan, value, at, 'medium', 'env')
  })
}
