import { builtinModules } from 'node:module'
import type { Finding } from '../model/types.js'
import { packageOfSpecifier } from '../rules/ruleset.js'
import type { ExportedFunction, FileFacts } from './file-scan.js'
import type { ModuleIndex } from './inventory.js'
import { PLAIN_SOURCE } from './walk/exported-functions.js'

/**
 * Vendor evidence in code no user path reaches, lowered to low confidence with why (shown by `explain` and with
 * `--min-confidence low`, never deleted):
 * - an exported function or class of a module the repository imports, whose name no module imports or re-exports,
 *   that no module imports whole, and that its own file never names again (a helper written and never called; a
 *   value a call computes when the module loads runs on import and is no such helper);
 * - a module nothing imports while a running module imports others of its folder (a file left behind in a library
 *   folder), unless it is an entry the framework or a package.json runs (`ENTRY_NAME`, `ROUTE_FOLDER`, entries,
 *   scripts): every vendor finding of the file is lowered.
 * - a cookie, or a Svelte component's vendor evidence, in a file only unreached modules import, or in a Svelte
 *   component or a folder's barrel nothing imports beside imported ones (`unreachedFiles`).
 * One cross-file fact per file (the names and modules it imports, recorded by the imports detector, and the exported
 * functions holding vendor evidence); the imports are resolved once for every stage (`importUsage`).
 */
export function demoteUnreached(
  findings: readonly Finding[],
  files: readonly FileFacts[],
  modules: ModuleIndex,
  usage: ImportUsage,
): Finding[] {
  const holders = files.filter((f) => f.exportedFunctions)
  // Files a component-level verdict can matter for: those holding a cookie, and Svelte components holding vendor
  // evidence (the exported-function test below reads plain modules only).
  const componentFiles = new Set(
    findings
      .filter((x) => x.kind === 'cookie' || (isVendorKind(x.kind) && SVELTE.test(x.evidence.path)))
      .map((x) => x.evidence.path),
  )
  if (holders.length === 0 && componentFiles.size === 0) return [...findings]
  const { importers, whole, names } = usage
  const unresolved = unknownAliases(files, usage)
  const entries = entryFiles(files, modules)
  const live = (path: string): boolean =>
    importers.has(path) || entries.has(path) || ENTRY_NAME.test(baseOf(path))
  const why = new Map<string, { from: number; to: number; why: string }[]>()
  const fileWhy = unreachedFiles(componentFiles, importers, live, entries, unresolved)
  for (const f of holders) {
    const ranges: { from: number; to: number; why: string }[] = []
    if (!unresolved.has(stemOf(f.path)) && isDeadModule(f, importers, live, entries))
      ranges.push({
        from: 0,
        to: Infinity,
        why: `in ${baseOf(f.path)}, which no module of the repository imports (other modules of its folder are imported)`,
      })
    else if (importers.has(f.path) && !whole.has(f.path)) {
      const unused = (fn: ExportedFunction): boolean => !fn.runsOnLoad && !fn.isDefault && !names.has(fn.name)
      // Every export unused (a provider a barrel re-exports that nobody imports): the constants beside them too.
      if (
        f.exportedFunctions!.length > 0 &&
        f.exportedFunctions!.every(unused) &&
        !f.callsOnLoad &&
        !entries.has(f.path)
      )
        ranges.push({
          from: 0,
          to: Infinity,
          why: `in ${baseOf(f.path)}, whose exports (${f.exportedFunctions!.map((fn) => fn.name).join(', ')}) no module of the repository imports`,
        })
      else
        for (const fn of f.exportedFunctions!)
          if (!fn.usedInFile && unused(fn))
            ranges.push({
              from: fn.from,
              to: fn.to,
              why: `in ${fn.name}, which ${baseOf(f.path)} exports but no module of the repository imports or calls`,
            })
    }
    if (ranges.length > 0) why.set(f.path, ranges)
  }
  return findings.map((x) => {
    if (x.evidence.confidence === 'low') return x
    // Cookies and vendor evidence only: a flow's evidence is the call that sends, weighed by the flows analysis.
    if (x.kind !== 'cookie' && !isVendorKind(x.kind)) return x
    // An SDK's default cookie points at one of the SDK's import sites, chosen before this step: another site may run.
    if (x.evidence.how === 'sdk-default') return x
    const because =
      fileWhy.get(x.evidence.path) ??
      (x.kind === 'cookie'
        ? undefined
        : why.get(x.evidence.path)?.find((r) => x.evidence.line >= r.from && x.evidence.line <= r.to)?.why)
    if (!because) return x
    const reason = x.evidence.reason ? `${x.evidence.reason}; ${because}` : because
    return { ...x, evidence: { ...x.evidence, confidence: 'low', reason } }
  })
}

/**
 * A module (it exports functions and makes no call when it loads, as a script's `main()` would) that nothing imports,
 * in a folder another module of which a running module imports: not an entry by name, place or package.json. Its
 * functions may call each other (a client factory and the helper that uses it): none of them runs.
 */
function isDeadModule(
  f: FileFacts,
  importers: ReadonlyMap<string, ReadonlySet<string>>,
  live: (path: string) => boolean,
  entries: ReadonlySet<string>,
): boolean {
  if (importers.has(f.path) || entries.has(f.path) || !PLAIN_SOURCE.test(f.path)) return false
  if (ROUTE_FOLDER.test(f.path)) return false
  // A nested folder's `index` is that folder's module (`@/lib/stripe`), no entry: it is left behind when nothing
  // imports it while running modules import others of the folder around it (`src/lib/auth.ts`). A top-level
  // folder's index (`src/index.ts`) stays an entry.
  const folderModule = INDEX_NAME.test(baseOf(f.path)) ? parentOf(folderOf(f.path)) : undefined
  if (ENTRY_NAME.test(baseOf(f.path)) && !(folderModule && folderModule.split('/').length > 2)) return false
  if (f.exportedFunctions!.length === 0 || f.callsOnLoad) return false
  return siblingRuns(f.path, importers, live, folderModule)
}

/**
 * The files no user path reaches among `asked`, each with why: a cookie a component sets is set, and a URL it loads
 * is loaded, only when a page renders it. A file is unreached when it is no entry (by name, place or package.json)
 * and every module importing it is unreached. A module nothing imports is unreached when it is a folder's barrel
 * (`ui/sidebar/index.ts`) while running modules import the barrels of its sibling folders (`ui/button/index.ts`) — a
 * component library copied into the app whose unused parts stay in the tree — or a Svelte component while running
 * modules import others of its folder: Svelte has no auto-import of components (Vue's Nuxt and
 * unplugin-vue-components do, so a Vue component nothing imports may still render).
 */
function unreachedFiles(
  asked: ReadonlySet<string>,
  importers: ReadonlyMap<string, ReadonlySet<string>>,
  live: (path: string) => boolean,
  entries: ReadonlySet<string>,
  unresolved: ReadonlySet<string>,
): Map<string, string> {
  const out = new Map<string, string>()
  if (asked.size === 0) return out
  const memo = new Map<string, string | undefined>()
  // A page of a route folder (`routes/+page.svelte`) runs though its name is no entry name.
  const running = (path: string): boolean => live(path) || ROUTE_FOLDER.test(path)
  const barrels = liveBarrelParents(importers, running)
  const unreached = (path: string): string | undefined => {
    if (memo.has(path)) return memo.get(path)
    // In progress: an import cycle is taken as reached, so that only a proof of no path demotes.
    memo.set(path, undefined)
    let verdict: string | undefined
    if (!entries.has(path) && !ROUTE_FOLDER.test(path) && !unresolved.has(stemOf(path))) {
      const from = importers.get(path)
      if (!from || from.size === 0) {
        if (
          INDEX_NAME.test(baseOf(path)) &&
          barrels.has(parentOf(folderOf(path))) &&
          barrelOfComponents(path, importers)
        )
          verdict = `${path}, which no module of the repository imports (the barrels beside its folder are imported)`
        else if (SVELTE.test(path) && siblingRuns(path, importers, running))
          verdict = `${path}, which no module of the repository imports (other modules of its folder are imported)`
      } else if (!ENTRY_NAME.test(baseOf(path)) || INDEX_NAME.test(baseOf(path))) {
        let first: string | undefined
        for (const importer of from) {
          const why = unreached(importer)
          if (!why) {
            first = undefined
            break
          }
          first ??= why
        }
        if (first) verdict = first
      }
    }
    memo.set(path, verdict)
    return verdict
  }
  for (const path of asked) {
    const why = unreached(path)
    if (why) out.set(path, `in code no user path reaches: ${why}`)
  }
  return out
}

/** Folders one of whose subfolders' barrel (`index.*`) a running module imports (`ui/` of `ui/button/index.ts`). */
function liveBarrelParents(
  importers: ReadonlyMap<string, ReadonlySet<string>>,
  running: (path: string) => boolean,
): Set<string> {
  const out = new Set<string>()
  for (const [target, from] of importers) {
    if (!INDEX_NAME.test(baseOf(target))) continue
    for (const importer of from)
      if (importer !== target && running(importer)) {
        out.add(parentOf(folderOf(target)))
        break
      }
  }
  return out
}

/**
 * Whether a running module imports another module of `path`'s folder (the folder is a library the app uses); for a
 * folder's own module (`folderModule`, the folder around `path`'s), the files of its own folder do not count.
 */
function siblingRuns(
  path: string,
  importers: ReadonlyMap<string, ReadonlySet<string>>,
  running: (path: string) => boolean,
  folderModule?: string,
): boolean {
  const folder = folderModule ?? folderOf(path)
  const own = folderModule ? folderOf(path) : undefined
  for (const [target, from] of importers)
    if (target !== path && folderOf(target) === folder)
      for (const importer of from)
        if (importer !== path && !(own && importer.startsWith(own)) && running(importer)) return true
  return false
}

/**
 * Whether a barrel imports a component of its own folder (`sidebar/index.ts` → `sidebar-provider.svelte`): a module
 * a framework loads by place (Nuxt's `store/index.js`) is no component library's barrel.
 */
function barrelOfComponents(path: string, importers: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  const folder = folderOf(path)
  for (const [target, from] of importers)
    if (from.has(path) && folderOf(target) === folder && COMPONENT.test(target)) return true
  return false
}

const COMPONENT = /\.(svelte|vue|[jt]sx)$/
const isVendorKind = (kind: string): boolean => kind === 'analytics' || kind === 'processor'
const SVELTE = /\.svelte$/
const INDEX_NAME = /^index\.[cm]?[jt]sx?$/
/** The folder above a folder (`a/b/` → `a/`). */
const parentOf = (folder: string): string => folderOf(folder.slice(0, -1))

/** Files whose name says a framework, a server or a bundler runs them without an import (`page.tsx`, `main.ts`). */
export const ENTRY_NAME =
  /^(index|main|server|app|worker|entry|page|layout|route|loading|error|template|default|not-found|middleware|instrumentation|_app|_document|\+[\w.-]+|[\w-]+\.config|[\w-]+\.(server|client|worker))\.[cm]?[jt]sx?$/

/** Folders whose modules a framework or platform loads by their place (routes, API handlers, auto-imports). */
export const ROUTE_FOLDER =
  /(^|\/)(app|pages|routes|api|functions|netlify|handlers|lambdas?|plugins|middleware|composables|jobs|crons?|cron-jobs|migrations|commands|workers|webhooks)\//

/** One run-time specifier of a file (a local import, an import not `import type`, a re-export's source) and its file. */
export interface ImportEdge {
  spec: string
  target: string | undefined
}

/**
 * How the repository's modules import each other, resolved once for every stage that asks (reachability here, the
 * rescue of imported tooling and the one-off scripts of `roles.ts`): each file's run-time specifiers with the files
 * they resolve to, the files imported (any way) with their importers, the files imported whole, the names imported
 * by name, and the specifiers that resolve to no file — each reader applies its own test of which of those may be
 * an alias the index does not know.
 */
export interface ImportUsage {
  edges: ReadonlyMap<string, readonly ImportEdge[]>
  importers: ReadonlyMap<string, ReadonlySet<string>>
  whole: ReadonlySet<string>
  names: ReadonlySet<string>
  /** Specifiers that resolve to no file of the repository, each once. */
  unresolved: ReadonlySet<string>
}

/** Resolves every file's run-time imports once (`resolve`: a specifier written in a file to the file it names). */
export function importUsage(
  files: readonly FileFacts[],
  resolve: (from: string, specifier: string) => string | undefined,
): ImportUsage {
  const edges = new Map<string, ImportEdge[]>()
  const importers = new Map<string, Set<string>>()
  const whole = new Set<string>()
  const names = new Set<string>()
  const unresolved = new Set<string>()
  for (const f of files) {
    const add = (spec: string): string | undefined => {
      const target = resolve(f.path, spec)
      if (target === undefined) unresolved.add(spec)
      if (target === undefined || target === f.path) return target
      let from = importers.get(target)
      if (!from) importers.set(target, (from = new Set()))
      from.add(f.path)
      return target
    }
    const list: ImportEdge[] = []
    for (const spec of runtimeSpecifiers(f)) list.push({ spec, target: add(spec) })
    edges.set(f.path, list)
    for (const s of f.wholeImports ?? []) {
      const target = add(s)
      if (target !== undefined && target !== f.path) whole.add(target)
    }
    for (const n of f.importedNames ?? []) names.add(n)
  }
  reexportedNames(files, importers, whole, names, resolve)
  return { edges, importers, whole, names, unresolved }
}

/**
 * Adds to `names` the source names of re-exports by name (`export { Slack } from './slack.js'`) that are used: the
 * exported name is imported (through any chain of barrels), or the barrel is imported whole. A barrel nothing in the
 * repository imports may be a published entry whose users are elsewhere: its re-exports all count as used.
 */
function reexportedNames(
  files: readonly FileFacts[],
  importers: ReadonlyMap<string, ReadonlySet<string>>,
  whole: ReadonlySet<string>,
  names: Set<string>,
  resolve: (from: string, specifier: string) => string | undefined,
): void {
  const pending: Record<string, string>[] = []
  for (const f of files)
    for (const re of f.reexports ?? []) {
      if (!re.names) continue
      const target = resolve(f.path, re.from)
      if (!importers.has(f.path) || whole.has(f.path) || target === undefined)
        for (const source of Object.values(re.names)) names.add(source)
      else pending.push(re.names)
    }
  // A chain of barrels: each round may make another exported name used.
  for (let grew = true; grew;) {
    grew = false
    for (const map of pending)
      for (const [exported, source] of Object.entries(map))
        if (names.has(exported) && !names.has(source)) {
          names.add(source)
          grew = true
        }
  }
}

/** What a file imports or re-exports at run time: local modules, packages (not `import type`) and re-export sources. */
function runtimeSpecifiers(f: FileFacts): string[] {
  return [
    ...(f.localImports ?? []),
    ...f.imports.filter((i) => !i.typeOnly).map((i) => i.specifier),
    ...(f.reexports ?? []).map((r) => r.from),
  ]
}

/**
 * The last segments of the specifiers that resolve to no file and name no declared package or Node built-in
 * (`$lib/server/x.js` → `x`): an alias the index does not know (a framework's generated config) may name a module,
 * which is then not dead.
 */
function unknownAliases(files: readonly FileFacts[], usage: ImportUsage): Set<string> {
  // A declared package (`import { MailtrapClient } from 'mailtrap'`) or a Node built-in resolves to no file of the
  // repository but names no module of it either: only other specifiers may be an alias the index does not know.
  const declared = new Set(files.flatMap((f) => f.dependencies.map((d) => d.name)))
  const external = (spec: string): boolean =>
    spec.startsWith('node:') || builtinModules.includes(spec) || declared.has(packageOfSpecifier(spec) ?? '')
  const out = new Set<string>()
  for (const spec of usage.unresolved) if (!external(spec)) out.add(stemOf(spec))
  return out
}

/** Files a package.json names as an entry (`main`, `exports`) or runs from a script. */
function entryFiles(files: readonly FileFacts[], modules: ModuleIndex): Set<string> {
  const out = new Set<string>()
  for (const { entries } of modules.workspacePackages.values()) for (const e of entries) out.add(e)
  for (const f of files) {
    if (!f.scriptFiles) continue
    const dir = folderOf(f.path)
    for (const s of f.scriptFiles) out.add(dir + s.file.replace(/^\.\//, ''))
  }
  for (const f of autoImported(files)) out.add(f)
  return out
}

/** A Nuxt app's config file: its folder is the app's root. */
const NUXT_CONFIG = /(^|\/)nuxt\.config\.[cm]?[jt]s$/
/**
 * Folders of a Nuxt app whose modules Nuxt and Nitro import by themselves: every export of `utils/` and
 * `composables/` (also under `app/`), `server/utils/` and `shared/utils/` is usable by name in the app's code with
 * no import (nuxt.com/docs: auto-imports; the server and shared directories).
 */
const NUXT_AUTO_IMPORT = /^(?:(?:app\/)?(?:utils|composables)|server\/utils|shared\/utils)\//

/** The files a Nuxt app's auto-imports make available without an import statement. */
function autoImported(files: readonly FileFacts[]): string[] {
  const roots = files.filter((f) => NUXT_CONFIG.test(f.path)).map((f) => folderOf(f.path))
  if (roots.length === 0) return []
  return files
    .filter((f) => roots.some((r) => f.path.startsWith(r) && NUXT_AUTO_IMPORT.test(f.path.slice(r.length))))
    .map((f) => f.path)
}

const folderOf = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1)
const baseOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1)
/** A path's or specifier's last segment without its extension (`a/send.js` → `send`). */
export const stemOf = (path: string): string => baseOf(path).replace(PLAIN_SOURCE, '')
