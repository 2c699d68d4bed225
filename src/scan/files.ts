import { existsSync, lstatSync, readdirSync, type Dirent } from 'node:fs'
import { join } from 'node:path'
import ignore, { type Ignore } from 'ignore'
import { compileGlob, type GlobMatcher } from '../util/glob.js'
import { readRegularFile } from '../util/safe-read.js'
import type { ScanNote } from '../model/types.js'
import { ENV_EXAMPLE, isScannable } from './scan-file.js'

/** Folders whose files a web server hands out as they are (`public/`, `static/`), at any depth. */
const SERVED_FOLDER = /(?:^|\/)(?:public|static)\//

/**
 * A folder below a served folder that holds its own package.json: a published package copied whole into the site's
 * files (`public/tinymce/`, `static/colorbrewer/`). The app's own scripts there sit beside no package manifest.
 */
function servedPackageCopy(relDir: string, entries: readonly Dirent[]): boolean {
  return SERVED_FOLDER.test(relDir) && isPackageFolder(entries)
}

/**
 * Paths skipped unless included explicitly: installed dependencies, build output, minified files, and code that is scanned but
 * never shipped — tests and their helpers, fixtures, mocks, stories, seed data — by the names those folders and files
 * conventionally have.
 */
export const DEFAULT_EXCLUDES = [
  // Mock, fake and dummy data folders and files are rule data (rules/packages/repository-roles.yaml `made_up_data`),
  // passed as `DiscoverOptions.ruleExcludes`.
  '**/node_modules/**',
  '**/bower_components/**',
  '**/vendor/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.output/**',
  '**/.svelte-kit/**',
  '**/.vercel/**',
  '**/.turbo/**',
  '**/coverage/**',
  '**/.cache/**',
  '**/.parcel-cache/**',
  '**/.angular/**',
  '**/.astro/**',
  '**/.expo/**',
  '**/.docusaurus/**',
  '**/storybook-static/**',
  '**/.yarn/**',
  '**/.pnpm-store/**',
  '**/.venv/**',
  '**/venv/**',
  '**/__pycache__/**',
  '**/Pods/**',
  '**/*.min.js',
  '**/*.min.mjs',
  '**/*.bundle.js',
  '**/*-min.js',
  '**/__tests__/**',
  '**/__fixtures__/**',
  '**/fixtures/**',
  '**/test/**',
  '**/tests/**',
  '**/e2e/**',
  // An end-to-end test project beside the app it drives (Nx and Angular CLI `apps/web-client-e2e/`, `packages/site_e2e/`).
  '**/*-e2e/**',
  '**/*_e2e/**',
  '**/cypress/**',
  '**/playwright/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/*.e2e-spec.*',
  '**/*.cy.*',
  '**/spec/**',
  '**/testdata/**',
  '**/*.stories.*',
  '**/*.story.*',
  '**/stories/**',
  '**/.storybook/**',
  // A workspace package that only holds the Storybook (`packages/storybook`): stories, fixtures and its own deps.
  '**/storybook/**',
  // Seed data: fake users for a development database (`prisma/seed.ts`, `seeds/`, `db/seeders/`).
  '**/seed.*',
  '**/seed-*.*',
  '**/seed_*.*',
  '**/*.seed.*',
  '**/seed/**',
  '**/seeds/**',
  '**/seeders/**',
  '**/seeding/**',
  '**/scripts/**/seed*/**',
  '**/scripts/**/seed*',
  '**/seed-data/**',
  '**/seed_data/**',
  '**/*-seed/**',
  '**/*-seeds/**',
  // camelCase seed files (`seedSiteData.ts`, `seedDatabase.ts`); not `seedPhrase.tsx`, a wallet's secret.
  '**/seed[A-Z]*Data.*',
  '**/seed{Database,Db,Users}.*',
  '**/demo-data/**',
  // Scripts that prepare tests (`scripts/prepareTestDb.ts`, `scripts/test-data.ts`): the word test in a script's name.
  '**/scripts/**/*Test[A-Z]*',
  '**/scripts/**/test[A-Z]*',
  '**/scripts/**/*-test-*',
  '**/scripts/**/test-*',
  '**/scripts/**/*_test_*',
  '**/scripts/**/test_*',
  // Test helpers and fixtures outside test folders (a `test-utils` file, a `testing` workspace package).
  '**/fixture/**',
  '**/*.fixture.*',
  '**/*.fixtures.*',
  '**/test-utils/**',
  '**/test-utils.*',
  '**/testUtils.*',
  // The same helpers in one word or snake case (`server/routes/testutils/testData.ts`, `test_utils/`).
  '**/testutils/**',
  '**/testUtils/**',
  '**/test_utils/**',
  '**/testData.*',
  '**/test-helpers/**',
  '**/test-helpers.*',
  '**/testing/**',
  '**/test-kit/**',
  '**/testkit/**',
  '**/__test__/**',
  '**/test-data/**',
  '**/test_data/**',
  // Integration-test folders outside `test/` (`deploy/integration-tests/*.mjs`, `packages/api/integration-tests/`).
  '**/integration-tests/**',
  '**/integration_tests/**',
  '**/*.e2e.*',
  '**/*.test-d.*',
  '**/setupTests.*',
  '**/test-setup.*',
  '**/vitest.setup.*',
  '**/jest.setup.*',
  '**/vitest.config.*',
  '**/vitest.workspace.*',
  '**/jest.config.*',
  '**/playwright.config.*',
  '**/cypress.config.*',
  '**/*.d.ts',
  '**/package-lock.json',
]

/**
 * Default excludes that spare some paths: `vendor/` holds dependencies installed by composer, bundler or
 * `go mod vendor` beside the manifest, but a `vendor/` folder inside a `src/` tree is a module the app copied in and
 * ships, so it is scanned.
 */
const EXCLUDE_EXCEPTIONS: Readonly<Record<string, string>> = { '**/vendor/**': '**/src/**/vendor/**' }

function compileExclude(glob: string): GlobMatcher {
  const re = compileGlob(glob)
  const exception = EXCLUDE_EXCEPTIONS[glob]
  if (exception === undefined) return re
  const spared = compileGlob(exception)
  return { test: (path) => re.test(path) && !spared.test(path) }
}

export interface DiscoverOptions {
  include?: readonly string[]
  exclude?: readonly string[]
  /** Turn off the default excludes (tests, build output …). */
  noDefaultExcludes?: boolean
  /** Default excludes the rules add (made-up data, third-party declarations: `RuleSet.repositoryRoles.excludes`), off with the others. */
  ruleExcludes?: readonly string[]
  /** Called with the number of files listed so far, as each is found (to start work while listing goes on). */
  onListed?: (count: number) => void
}

/** Whether a repo-relative path passes the include/exclude globs (folders are tested as `dir/_`). */
export function createPathFilter(options: DiscoverOptions): (rel: string, isDir: boolean) => boolean {
  const excludes = [
    ...(options.noDefaultExcludes ? [] : DEFAULT_EXCLUDES.map(compileExclude)),
    ...(options.noDefaultExcludes ? [] : (options.ruleExcludes ?? []).map(compileGlob)),
    ...(options.exclude ?? []).map(compileGlob),
  ]
  const includeGlobs = options.include ?? []
  const includes = includeGlobs.map(compileGlob)
  return (rel, isDir) => {
    // An explicit include wins over the excludes; a folder stays open if an include may match inside it.
    const included = isDir
      ? includeGlobs.some((g) => g.startsWith('**') || g.startsWith(`${rel}/`) || g === rel)
      : includes.some((re) => re.test(rel))
    if (included) return true
    const probe = isDir ? `${rel}/_` : rel
    if (excludes.some((re) => re.test(probe))) return false
    return isDir || includes.length === 0
  }
}

const MAX_GITIGNORE_BYTES = 1024 * 1024

/** Lists the scannable files under root as sorted repo-relative POSIX paths, honouring .gitignore files. */
export function discoverFiles(
  root: string,
  options: DiscoverOptions = {},
): { files: string[]; notes: ScanNote[] } {
  const notes: ScanNote[] = []
  const allowed = createPathFilter(options)
  const files: string[] = []
  const ignores: { base: string; ig: Ignore }[] = []

  // An include that names the folder (or a path inside it) wins, as it does over the default excludes.
  const namedByInclude = (rel: string): boolean =>
    (options.include ?? []).some((g) => g === rel || g.startsWith(`${rel}/`))

  const walk = (relDir: string, generatedSql: boolean, remoteSchema?: RemoteSchema): void => {
    const absDir = relDir ? join(root, relDir) : root
    let entries: Dirent[]
    try {
      // Entry types come with the listing: no lstat per entry unless the file system does not report them.
      entries = readdirSync(absDir, { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      )
    } catch (e) {
      notes.push({
        path: relDir || '.',
        level: 'warning',
        message: `folder could not be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      })
      return
    }
    // A package copied whole into a folder the server hands out as files (`public/tinymce/` with its own
    // package.json): a published library, like node_modules, not the app's code.
    if (!options.noDefaultExcludes && servedPackageCopy(relDir, entries) && !namedByInclude(relDir)) return
    let gitignore: string | undefined
    if (entries.some((d) => d.name === '.gitignore')) {
      const rel = relDir ? `${relDir}/.gitignore` : '.gitignore'
      try {
        // Like git, a .gitignore that is a link is not followed; a device or pipe is never read.
        gitignore = readRegularFile(join(absDir, '.gitignore'), {
          maxBytes: MAX_GITIGNORE_BYTES,
          noFollow: true,
        }).toString('utf8')
      } catch (e) {
        notes.push({
          path: rel,
          level: 'warning',
          message: `${(e as Error).message}; its rules were not applied`,
        })
      }
    }
    const pushed = gitignore !== undefined
    if (pushed) ignores.push({ base: relDir, ig: ignore().add(gitignore!) })
    const historySql = generatedSql || (!options.noDefaultExcludes && generatedMigrations(absDir, entries))
    const mirrors = options.noDefaultExcludes ? new Set<string>() : schemaMirrorFolders(absDir, entries)
    const remote = options.noDefaultExcludes ? undefined : innerRemote(remoteSchema, absDir, entries)
    for (const entry of entries) {
      const name = entry.name
      if (name === '.git' || name === 'node_modules') continue
      const rel = relDir ? `${relDir}/${name}` : name
      let st: Pick<Dirent, 'isSymbolicLink' | 'isDirectory' | 'isFile'> = entry
      if (!entry.isFile() && !entry.isDirectory() && !entry.isSymbolicLink()) {
        try {
          st = lstatSync(join(root, rel))
        } catch (e) {
          notes.push({
            path: rel,
            level: 'warning',
            message: `could not be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          })
          continue
        }
      }
      // Symlinks are not followed: they can loop, and they can point outside the repository.
      if (st.isSymbolicLink()) continue
      const isDir = st.isDirectory()
      // Env templates are often committed despite a `.env*` ignore rule; only their variable names are read.
      if (isIgnored(ignores, rel, isDir) && (isDir || !ENV_EXAMPLE.test(name))) continue
      if (!allowed(rel, isDir)) continue
      if (isDir) {
        if (!mirrors.has(name) || namedByInclude(rel)) walk(rel, historySql, remote)
      } else if (historySql && name.endsWith('.sql')) continue
      else if (remote && isDownloaded(remote, join(absDir, name))) continue
      else if (st.isFile() && isScannable(rel)) {
        const count = files.push(rel)
        options.onListed?.(count)
      }
    }
    if (pushed) ignores.pop()
  }
  walk('', false)
  files.sort()
  return { files, notes }
}

/**
 * True when a folder holds migrations a schema tool generated from the app's schema file, which the scan reads: Prisma
 * Migrate's folder (`migration_lock.toml`), drizzle-kit's (`meta/_journal.json`) or one drizzle-kit migration
 * (`migration.sql` beside its `snapshot.json`). Their SQL is the schema's history — columns later dropped or renamed
 * (a `firstName` a later migration removes) — not what the app stores now.
 */
function generatedMigrations(absDir: string, entries: readonly Dirent[]): boolean {
  const names = new Set(entries.map((d) => d.name))
  if (names.has('migration_lock.toml')) return true
  if (names.has('migration.sql') && names.has('snapshot.json')) return true
  return names.has('meta') && existsSync(join(absDir, 'meta', '_journal.json'))
}

const MAX_SCHEMA_BYTES = 4 * 1024 * 1024
const CODE_FILE = /\.(?:[cm]?[jt]sx?)$/
const INDEX_FILE = /^index\.[cm]?[jt]sx?$/

/**
 * Subfolders beside a Prisma schema that a generator wrote from it (zod-prisma's `zod/`, a DTO or GraphQL type
 * generator's output): at least three code files, nearly all named after the schema's models (`user.ts` for
 * `model User`), the rest an `index`. They repeat every model's fields as code, so the scan, which reads the schema
 * itself, would report each column again from a file no one wrote; a hand-written folder is named after features,
 * not after every model it touches.
 */
function schemaMirrorFolders(absDir: string, entries: readonly Dirent[]): Set<string> {
  const mirrors = new Set<string>()
  const schemas = entries.filter((d) => d.isFile() && d.name.endsWith('.prisma'))
  if (schemas.length === 0) return mirrors
  const models = new Set<string>()
  for (const schema of schemas) {
    let text: string
    try {
      text = readRegularFile(join(absDir, schema.name), { maxBytes: MAX_SCHEMA_BYTES }).toString('utf8')
    } catch {
      continue
    }
    for (const m of text.matchAll(/^\s*model\s+(\w+)\s*\{/gm)) models.add(m[1]!.toLowerCase())
  }
  if (models.size === 0) return mirrors
  for (const dir of entries) {
    if (!dir.isDirectory()) continue
    let names: string[]
    try {
      names = readdirSync(join(absDir, dir.name)).filter((n) => CODE_FILE.test(n) && !INDEX_FILE.test(n))
    } catch {
      continue
    }
    const named = names.filter((n) =>
      models.has(
        n
          .replace(CODE_FILE, '')
          .replace(/\.(?:schema|model|dto)$/i, '')
          .toLowerCase(),
      ),
    )
    if (named.length >= 3 && named.length >= 0.8 * names.length) mirrors.add(dir.name)
  }
  return mirrors
}

const SDL_FILE = /\.(?:graphql|gql)$/i
const MAX_MANIFEST_BYTES = 1024 * 1024

/** A package whose scripts download another service's GraphQL schema: the package folder and the files named. */
interface RemoteSchema {
  dir: string
  /** Absolute paths of the SDL files a script names as its output; empty when none is named. */
  outputs: Set<string>
}

/**
 * A package (folder with a package.json) whose scripts download a GraphQL schema from a URL
 * (`gql-tada generate schema https://api.github.com/graphql`, `get-graphql-schema https://… > schema.graphql`):
 * that SDL is the fields of a third party's API, which the app queries, not the data the app holds. Undefined when
 * the folder is no such package.
 */
function downloadedSchemas(absDir: string, entries: readonly Dirent[]): RemoteSchema | undefined {
  if (!isPackageFolder(entries)) return undefined
  let scripts: unknown
  try {
    const text = readRegularFile(join(absDir, 'package.json'), { maxBytes: MAX_MANIFEST_BYTES }).toString(
      'utf8',
    )
    scripts = (JSON.parse(text) as { scripts?: unknown }).scripts
  } catch {
    return undefined
  }
  if (!scripts || typeof scripts !== 'object') return undefined
  const outputs = new Set<string>()
  let found = false
  for (const cmd of Object.values(scripts as Record<string, unknown>)) {
    if (typeof cmd !== 'string') continue
    // One command of a script chain at a time: a URL in `curl … && codegen` is not the schema's source.
    for (const part of cmd.split(/&&|\|\||;/)) {
      if (!/https?:\/\/\S/.test(part) || !/\b(?:schema|introspect\w*)\b/i.test(part)) continue
      found = true
      for (const m of part.matchAll(/[\w./-]+\.(?:graphql|gql)\b/gi)) outputs.add(join(absDir, m[0]))
    }
  }
  return found ? { dir: absDir, outputs } : undefined
}

/**
 * The download that covers a folder: its own package's, else the enclosing one's — whose unnamed output covers only
 * its own package, not a nested one.
 */
function innerRemote(
  outer: RemoteSchema | undefined,
  absDir: string,
  entries: readonly Dirent[],
): RemoteSchema | undefined {
  const own = downloadedSchemas(absDir, entries)
  if (own) return own
  return isPackageFolder(entries) && outer?.outputs.size === 0 ? undefined : outer
}

function isDownloaded(remote: RemoteSchema, absPath: string): boolean {
  if (!SDL_FILE.test(absPath)) return false
  return remote.outputs.size > 0 ? remote.outputs.has(absPath) : true
}

/** True when a repo-relative SDL file is a schema its package downloads from a URL (see `downloadedSchemas`). */
export function isDownloadedSchema(root: string, rel: string): boolean {
  if (!SDL_FILE.test(rel)) return false
  let nested = false
  for (const { absDir, entries } of enclosingFolders(root, rel, true)) {
    const remote = downloadedSchemas(absDir, entries)
    if (remote && (remote.outputs.size > 0 || !nested)) return isDownloaded(remote, join(root, rel))
    if (isPackageFolder(entries)) nested = true
  }
  return false
}

/** True when a repo-relative `.sql` file lies in a folder of generated migrations (see `generatedMigrations`). */
export function isGeneratedMigrationSql(root: string, rel: string): boolean {
  if (!rel.endsWith('.sql')) return false
  for (const { absDir, entries } of enclosingFolders(root, rel, false))
    if (generatedMigrations(absDir, entries)) return true
  return false
}

/**
 * The folders holding a repo-relative file, nearest first, with their listings (the root itself with `withRoot`):
 * what discovery saw on its way down, asked again for one file. Folders that cannot be read are passed over.
 */
function* enclosingFolders(
  root: string,
  rel: string,
  withRoot: boolean,
): Generator<{ absDir: string; entries: Dirent[] }> {
  const parts = rel.split('/').slice(0, -1)
  for (let n = parts.length; n >= (withRoot ? 0 : 1); n--) {
    const absDir = join(root, ...parts.slice(0, n))
    let entries: Dirent[]
    try {
      entries = readdirSync(absDir, { withFileTypes: true })
    } catch {
      continue
    }
    yield { absDir, entries }
  }
}

/** Whether a folder's listing makes it a package (a `package.json` file in it). */
function isPackageFolder(entries: readonly Dirent[]): boolean {
  return entries.some((d) => d.isFile() && d.name === 'package.json')
}

function isIgnored(ignores: { base: string; ig: Ignore }[], rel: string, isDir: boolean): boolean {
  for (const { base, ig } of ignores) {
    const sub = base ? rel.slice(base.length + 1) : rel
    if (ig.ignores(isDir ? `${sub}/` : sub)) return true
  }
  return false
}
