import type { RepositoryRoles } from '../rules/repository-roles.js'
import { packageOfSpecifier } from '../rules/ruleset.js'
import { loadsFromPackageCdn } from '../util/specifier.js'
import type { GlobMatcher } from '../util/glob.js'
import { ILLUSTRATIVE_PATH, isOpsScript, type FileFacts } from './file-scan.js'
import { ENTRY_NAME, ROUTE_FOLDER, stemOf, type ImportUsage } from './reachability.js'
import { PLAIN_SOURCE } from './walk/exported-functions.js'
import { nestedPackageOf, workspacePackages, type WorkspacePackage } from './workspace.js'

/**
 * What a part of the repository is, when it is not the product the repository deploys:
 * - `published`: a package published for others to install (a client SDK, a CLI, an instrumentation library) that
 *   no package of the product depends on — its code runs in other people's programs;
 * - `tooling`: developer tooling — a `tools/`, `scripts/`, `benchmarks/`, `evals/`, `codemods/` or `generators/`
 *   folder at the top of the repository or of a package (a package inside one that is an app, or that another
 *   package depends on at run time, stays); and a file a package.json script other than the app's own run
 *   (`start`, `dev`, `serve` …) runs (`"release": "node extra/release.mjs"`), with the modules beside it that only
 *   it imports;
 * - `generated`: a dot-folder (`.react-email/`, `.vinxi/`): a tool's output or its configuration, not source the
 *   team ships (`.well-known/` is served by the app and stays);
 * - `docs-site`: a documentation site, a package in a `docs/` folder (a marketing site built with a docs framework
 *   is the company's website and stays);
 * - `test`: a file that imports a test runner or assertion library (`vitest`, `@jest/globals`, `type-testing`) under
 *   a name the default excludes miss (`*.integration.ts`, a challenge's `tests.ts`): the repository's own imports
 *   say it is a test.
 * Examples, samples and demos are lowered where each finding is made (`ILLUSTRATIVE_PATH`).
 */
export type OutsideRole = 'published' | 'tooling' | 'generated' | 'docs-site' | 'test'

/** Why a path is outside the product: its role and a sentence for the finding's reason. */
export interface OutsideArea {
  role: OutsideRole
  why: string
  /** The folder the role belongs to (`tools/`, `packages/sdk/`); absent when the manifest's scope decided. */
  folder?: string
}

/** Names of package.json scripts that run the app itself (`start`, `dev:server`, `serve`), not a tool. */
const APP_SCRIPT =
  /^(start|dev|develop|serve|server|preview|prod|production|worker|workers|app|web|api|cron|jobs?|queue|consumer|scheduler|daemon|bot|ws|socket|realtime)(\b|$)/

interface PackageInfo extends WorkspacePackage {
  published: boolean
  dependencies: { name: string; dev: boolean; peer?: true }[]
}

/**
 * The areas of a scan outside the product: a function from a repo-relative path to its role and why, or undefined
 * for the product's own code. `product` and `outside` are globs (the manifest's `scope`) that override the roles;
 * with `imports` (`resolve`: an import specifier to the repo-relative file it names; `usage`: every file's run-time
 * imports, resolved once), tooling and dot-folder files the product imports are the product's.
 */
export function outsideAreas(
  files: readonly FileFacts[],
  known: RepositoryRoles,
  scope: { product?: readonly GlobMatcher[]; outside?: readonly GlobMatcher[] } = {},
  imports?: { resolve: (from: string, specifier: string) => string | undefined; usage: ImportUsage },
): (path: string) => OutsideArea | undefined {
  const packages = packageInfos(files)
  const used = usedByProduct(packages, known)
  const runtimeUsed = new Set(
    packages.flatMap((p) => p.dependencies.filter((d) => !d.dev).map((d) => d.name)),
  )
  const roles = packageRoles(packages, used, known)
  keepPublishedTheProductLoads(roles, packages, files)
  const packageOf = nestedPackageOf(packages)
  const roots = packages.map((p) => p.dir).filter((d) => d !== '')
  const scripted = scriptTooling(files, known.sourceRoots, imports)
  const tests = testFiles(files, known.testLibraries)
  const areaOfPath = (path: string): OutsideArea | undefined => {
    if (scope.product?.some((g) => g.test(path))) return undefined
    if (scope.outside?.some((g) => g.test(path)))
      return { role: 'tooling', why: 'outside the product by the manifest’s scope.outside' }
    const dot = dotFolder(path, known)
    if (dot)
      return {
        role: 'generated',
        why: `in ${dot}, a dot-folder: a tool’s output or configuration`,
        folder: dot,
      }
    const run = scripted.get(path)
    if (run) return { role: 'tooling', why: run, folder: path }
    const test = tests.get(path)
    if (test) return { role: 'test', why: `a test: it imports the test library "${test}"` }
    const pkg = packageOf(path) as PackageInfo | undefined
    const tooling = toolingFolder(path, roots, known)
    // A package inside a tooling folder that is an app, or that the product runs, is not tooling.
    const kept =
      pkg !== undefined &&
      tooling !== undefined &&
      tooling.length < pkg.dir.length &&
      (isApp(pkg, known) || runtimeUsed.has(pkg.name))
    if (tooling && !kept)
      return {
        role: 'tooling',
        why: `in ${tooling}, developer tooling run by the team, not the deployed product`,
        folder: tooling,
      }
    if (pkg && toolingPackage(pkg, runtimeUsed, known))
      return {
        role: 'tooling',
        why: `in ${pkg.dir}, a workspace package of developer tooling (its folder is named so) no package runs, not the deployed product`,
        folder: pkg.dir,
      }
    return pkg ? roles.get(pkg.dir) : undefined
  }
  // Asked once per finding and once per import target: every path is classified once.
  const areas = new Map<string, OutsideArea | undefined>()
  const areaOf = (path: string): OutsideArea | undefined => {
    if (!areas.has(path)) areas.set(path, areaOfPath(path))
    return areas.get(path)
  }
  if (!imports) return areaOf
  const rescued = importedByProduct(files, areaOf, imports.usage)
  return (path) => (rescued.has(path) ? undefined : areaOf(path))
}

/**
 * Files of a tooling folder or a dot-folder that the product's own code imports, directly or through each other (a
 * `scripts/` helper the app imports, a generated client in a dot-folder): those run in the product after all.
 */
function importedByProduct(
  files: readonly FileFacts[],
  areaOf: (path: string) => OutsideArea | undefined,
  usage: ImportUsage,
): Set<string> {
  const byPath = new Map(files.map((f) => [f.path, f]))
  const rescued = new Set<string>()
  const queue: FileFacts[] = []
  const visit = (f: FileFacts): void => {
    for (const { target } of usage.edges.get(f.path) ?? []) {
      if (target === undefined || rescued.has(target)) continue
      const a = areaOf(target)
      if (!a?.folder || (a.role !== 'tooling' && a.role !== 'generated')) continue
      rescued.add(target)
      const facts = byPath.get(target)
      if (facts) queue.push(facts)
    }
  }
  for (const f of files) if (!areaOf(f.path)) visit(f)
  for (let f = queue.pop(); f; f = queue.pop()) visit(f)
  return rescued
}

/**
 * Names of the packages the product depends on. A fixture, example or tooling package is not the product, so what it
 * depends on is not used by the product (a repository's CLI installed by its own test fixtures); nor are the dev
 * dependencies of a workspace's root manifest, which lists the team's tools, unless the root is itself the app.
 */
function usedByProduct(packages: readonly PackageInfo[], known: RepositoryRoles): Set<string> {
  const used = new Set<string>()
  for (const p of packages) {
    if (p.dir !== '' && (ILLUSTRATIVE_PATH.test(p.dir) || isOpsScript(p.dir))) continue
    if (p.dir !== '' && toolingFolder(p.dir, [], known) !== undefined && !isApp(p, known)) continue
    const rootTools = p.dir === '' && packages.length > 1 && !isApp(p, known)
    for (const d of p.dependencies) if (!(rootTools && d.dev)) used.add(d.name)
  }
  return used
}

/**
 * Files package.json scripts run as tools (`"release": "node extra/release.mjs"`, `"build:data": "tsx bin/data.ts"`;
 * not the app's own `start` / `dev`), and the modules in the same folder (or below) that they import, with why.
 * A file one of them imports from elsewhere is not taken: it may be the product's (a script that resets a password
 * imports the app's database module).
 */
function scriptTooling(
  files: readonly FileFacts[],
  sourceRoots: ReadonlySet<string>,
  imports:
    { resolve: (from: string, specifier: string) => string | undefined; usage: ImportUsage } | undefined,
): Map<string, string> {
  const resolve = imports?.resolve
  const byPath = new Map(files.map((f) => [f.path, f]))
  const out = new Map<string, string>()
  /** Folders (not a package's root) holding a file a tool script runs, with that file. */
  const toolFolders = new Map<string, string>()
  for (const f of files) {
    if (!f.scriptFiles || !f.path.endsWith('package.json')) continue
    const dir = f.path.slice(0, -'package.json'.length)
    const app = new Set(f.scriptFiles.filter((r) => APP_SCRIPT.test(r.script)).map((r) => r.file))
    for (const { script, file } of f.scriptFiles) {
      const entry = dir + file
      if (APP_SCRIPT.test(script) || app.has(file) || !byPath.has(entry) || out.has(entry)) continue
      const why = `run by the package.json script "${script}", developer tooling rather than the deployed product`
      const folder = entry.slice(0, entry.lastIndexOf('/') + 1)
      const queue = [entry]
      out.set(entry, why)
      // A script at the package's root is one file among the app's own: only a script folder's modules go with it.
      for (let path = queue.pop(); path && resolve && folder !== dir; path = queue.pop()) {
        const facts = byPath.get(path)
        const specifiers = [...(facts?.localImports ?? []), ...(facts?.imports ?? []).map((i) => i.specifier)]
        for (const spec of specifiers) {
          const target = resolve(path, spec)
          if (target === undefined || out.has(target) || !target.startsWith(folder)) continue
          out.set(target, `imported by ${entry}, which is ${why}`)
          queue.push(target)
        }
      }
      // A script in a package's source root (`src/cli.ts`) sits among the app's modules: its folder is no scripts folder.
      if (folder !== dir && !sourceRoots.has(folder.slice(dir.length, -1))) toolFolders.set(folder, entry)
    }
  }
  if (imports && toolFolders.size > 0) addOneOffScripts(files, out, toolFolders, imports.usage)
  return out
}

/**
 * A folder whose files package.json scripts run as tools is a folder of scripts: a module in it or below that no
 * module imports and that is no entry by name or place (`ENTRY_NAME`, `ROUTE_FOLDER`) is a one-off script run by hand
 * (`tsx temp/ingest.ts`) or material the tool reads, not the product's. Modules something imports stay as they are.
 */
function addOneOffScripts(
  files: readonly FileFacts[],
  out: Map<string, string>,
  toolFolders: ReadonlyMap<string, string>,
  usage: ImportUsage,
): void {
  const folders = [...toolFolders.keys()]
  const toolFolderOf = (path: string): string | undefined => folders.find((d) => path.startsWith(d))
  const candidates = files.filter((f) => {
    const base = f.path.slice(f.path.lastIndexOf('/') + 1)
    return (
      toolFolderOf(f.path) !== undefined &&
      !out.has(f.path) &&
      PLAIN_SOURCE.test(base) &&
      !ENTRY_NAME.test(base) &&
      !ROUTE_FOLDER.test(f.path)
    )
  })
  if (candidates.length === 0) return
  // A specifier that resolves to no file through an alias the index does not know (`$lib/server/x.js`) may name a
  // candidate: its last segment keeps any module of that stem.
  const unknownAlias = new Set<string>()
  for (const list of usage.edges.values())
    for (const { spec, target } of list)
      if (target === undefined && /^[$@~#./]/.test(spec) && !/^@[\w-]+\/[\w-]/.test(spec))
        unknownAlias.add(stemOf(spec))
  for (const f of candidates) {
    if (usage.importers.has(f.path) || unknownAlias.has(stemOf(f.path))) continue
    const folder = toolFolderOf(f.path)!
    out.set(
      f.path,
      `no module imports it, and it is in ${folder}, the folder of ${toolFolders.get(folder)}, which a package.json script runs as developer tooling (a one-off script or the tool's material)`,
    )
  }
}

/** Files that import a test library (rules/packages/repository-roles.yaml) at run time, with the library. */
function testFiles(files: readonly FileFacts[], testLibraries: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>()
  for (const f of files) {
    const hit = f.imports.find((i) => !i.typeOnly && testLibraries.has(i.specifier))
    if (hit) out.set(f.path, hit.specifier)
  }
  return out
}

function packageInfos(files: readonly FileFacts[]): PackageInfo[] {
  const byPath = new Map(files.map((f) => [f.path, f]))
  return workspacePackages(files).map((p) => {
    const f = byPath.get(`${p.dir}package.json`)!
    return {
      ...p,
      published: f.published === true,
      dependencies: f.dependencies
        .filter((d) => d.ecosystem === 'npm')
        .map((d) => ({ name: d.name, dev: d.dev, ...(d.peer ? { peer: d.peer } : {}) })),
    }
  })
}

/** The role of each package (by folder) that is not part of the product on its own account. */
function packageRoles(
  packages: readonly PackageInfo[],
  used: ReadonlySet<string>,
  known: RepositoryRoles,
): Map<string, OutsideArea> {
  const roles = new Map<string, OutsideArea>()
  const byName = new Map(packages.map((p) => [p.name, p]))
  // What the repository's published packages need at run time: building blocks of others, not a host. Apps,
  // starters and playgrounds that install the host are its users.
  const runtimeDependencies = new Set(
    packages
      .filter((p) => p.published)
      .flatMap((p) => p.dependencies.filter((d) => !d.dev && !d.peer).map((d) => d.name)),
  )
  const hasApp = packages.some((p) => isApp(p, known))
  for (const p of packages) {
    if (p.dir === '') continue
    const prompt =
      hasApp && !p.published && !used.has(p.name) && !isApp(p, known)
        ? setupPrompt(p, known.setupPromptLibraries)
        : undefined
    if (known.docsFolders.has(p.dir.slice(0, -1).split('/').pop()!))
      roles.set(p.dir, { role: 'docs-site', folder: p.dir, why: `in ${p.name}, a documentation site` })
    else if (prompt)
      roles.set(p.dir, {
        role: 'tooling',
        folder: p.dir,
        why: `in ${p.name}, a setup command-line tool the operator runs (it asks questions with ${prompt}) beside the app, not the deployed product`,
      })
    else if (
      p.published &&
      !used.has(p.name) &&
      !runsAsApp(p, known) &&
      !pluginOfApp(p, byName, runtimeDependencies, known)
    )
      roles.set(p.dir, {
        role: 'published',
        folder: p.dir,
        why: `in ${p.name}, a package this repository publishes for others and none of its packages uses`,
      })
  }
  return roles
}

/**
 * A published package the product's own code imports by name without listing it (a page the server renders imports
 * its widget from a CDN URL, `https://unpkg.com/@acme/widget@3/dist/widget.js`): the product ships it, so it stays
 * the product's. Only looked at when a package was judged published and unused; reads the imports already recorded.
 */
function keepPublishedTheProductLoads(
  roles: Map<string, OutsideArea>,
  packages: readonly PackageInfo[],
  files: readonly FileFacts[],
): void {
  const published = new Map(
    packages.filter((p) => roles.get(p.dir)?.role === 'published').map((p) => [p.name, p.dir]),
  )
  if (published.size === 0) return
  const outsideDirs = [...roles.keys()]
  for (const f of files) {
    if (outsideDirs.some((d) => d === '' || f.path.startsWith(d + '/')) || ILLUSTRATIVE_PATH.test(f.path))
      continue
    for (const i of f.imports) {
      // By CDN URL only: a bare import of an unlisted workspace package (a path alias) says nothing of what it holds.
      if (i.typeOnly || !loadsFromPackageCdn(i.excerpt)) continue
      const dir = published.get(packageOfSpecifier(i.specifier) ?? '')
      if (dir !== undefined) roles.delete(dir)
    }
  }
}

/**
 * The interactive prompt library a private package needs at run time, when it has one: beside an app package, with
 * nothing depending on it, such a package asks its runner for settings — a setup tool, not a part of the app.
 */
function setupPrompt(p: PackageInfo, promptLibraries: ReadonlySet<string>): string | undefined {
  return p.dependencies.find((d) => !d.dev && !d.peer && promptLibraries.has(d.name))?.name
}

/** Whether a package depends on an application framework (rules/packages/repository-roles.yaml `app_frameworks`). */
function isApp(p: PackageInfo, known: RepositoryRoles): boolean {
  return p.dependencies.some((d) => known.appFrameworks.has(d.name))
}

/**
 * A published package that needs an application framework at run time (`@nestjs/core`, `next` in `dependencies`,
 * not only for its own development, nor as a peer its users install — a React Native library's `react-native`) is an
 * application shipped as a package — a server others install and run as is — so its code is the deployed product,
 * not a library running in other people's programs.
 */
function runsAsApp(p: PackageInfo, known: RepositoryRoles): boolean {
  return p.dependencies.some((d) => !d.dev && !d.peer && known.appFrameworks.has(d.name))
}

/**
 * A published package built against the application package of the same repository — the one it declares as a peer
 * or development dependency and is named after, the host it plugs into (`@studiocms/s3-storage` beside
 * `studiocms`, which needs `astro`) — is a plugin of the product: the operator installs it into the product, and its code runs there. The host
 * is an app package no published package of the repository needs at run time (a shared library that needs the
 * framework is not one), and a client SDK does not depend on the application it calls.
 */
function pluginOfApp(
  p: PackageInfo,
  byName: ReadonlyMap<string, PackageInfo>,
  runtimeDependencies: ReadonlySet<string>,
  known: RepositoryRoles,
): boolean {
  return p.dependencies.some((d) => {
    const host = d.dev || d.peer ? byName.get(d.name) : undefined
    return (
      host !== undefined &&
      host !== p &&
      namedAfter(p.name, host.name) &&
      isApp(host, known) &&
      !runtimeDependencies.has(host.name)
    )
  })
}

/** Whether a package's name says it extends another: `@studiocms/s3` of `studiocms`, `@acme/server-s3` of `@acme/server`. */
function namedAfter(name: string, host: string): boolean {
  return name.startsWith(`${host}-`) || (!host.startsWith('@') && name.startsWith(`@${host}/`))
}

/** The first dot-folder on a path (`packages/email/.react-email/`), other than those the app serves. */
function dotFolder(path: string, known: RepositoryRoles): string | undefined {
  const parts = path.split('/')
  for (let i = 0; i < parts.length - 1; i++)
    if (parts[i]!.startsWith('.') && parts[i]!.length > 1 && !known.servedDotFolders.has(parts[i]!))
      return parts.slice(0, i + 1).join('/') + '/'
  return undefined
}

/**
 * A workspace package that is itself a tooling folder (`backend/scripts/` listed among the workspaces beside
 * `backend/api/`): its folder's name says what it holds wherever it sits, unless it is an app or a package of the
 * product needs it at run time.
 */
function toolingPackage(p: PackageInfo, runtimeUsed: ReadonlySet<string>, known: RepositoryRoles): boolean {
  if (p.dir === '' || isApp(p, known) || runtimeUsed.has(p.name)) return false
  return known.toolingFolders.has(p.dir.slice(0, -1).split('/').pop()!)
}

/** The tooling folder a path is in, when that folder sits at the top of the repository or of a package. */
function toolingFolder(
  path: string,
  packageDirs: readonly string[],
  known: RepositoryRoles,
): string | undefined {
  for (const root of ['', ...packageDirs]) {
    if (!path.startsWith(root)) continue
    const first = path.slice(root.length).split('/')[0]!
    if (known.toolingFolders.has(first) && path.length > root.length + first.length + 1)
      return `${root}${first}/`
  }
  return undefined
}
