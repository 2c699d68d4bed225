import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { ConfigError, type Problem } from '../util/errors.js'
import { suggestion } from '../util/suggest.js'
import { readRegularFile } from '../util/safe-read.js'
import { locate, MAX_YAML_BYTES, parseLocatedYaml, zodProblems, type LocatedYaml } from '../util/yaml.js'
import {
  builtinRulesDigest,
  readBundledRules,
  readRulesCache,
  rulesCacheDir,
  rulesCacheKey,
  writeRulesCache,
} from './cache.js'
import {
  frameworkModulesSchema,
  outboundCallsSchema,
  packageWrappersSchema,
  signInLibrariesSchema,
} from './library-schema.js'
import { RuleSet, type RuleSetInput } from './ruleset.js'
import { operatorValuesSchema, type OperatorValuesFile } from './operator-values.js'
import { flowVocabularySchema, missingFlowLists, type FlowVocabularyFile } from './flow-vocabulary.js'
import { formControlsSchema, type FormControlsFile } from './form-controls.js'
import { dependencyInjectionSchema, type DependencyInjectionFile } from './injected-classes.js'
import { repositoryRolesSchema, type RepositoryRolesFile } from './repository-roles.js'
import { sessionLibrariesSchema, type SessionLibrariesFile } from './session-libraries.js'
import { isPolicyFileKind, mergePolicyRules, policyFileSchemas, type PolicyRuleFile } from './policy-rules.js'
import {
  cookieCatalogueSchema,
  dataCategorySchema,
  PII_CATEGORY_LISTS,
  PII_SEQUENCE_LISTS,
  PII_WORD_LISTS,
  piiRuleSchema,
  piiVocabularySchema,
  purposeSchema,
  submittedDataFileSchema,
  type PiiVocabulary,
  type SinkExample,
  sinkFileSchema,
  vendorCategorySchema,
  vendorRuleSchema,
} from './schema.js'

const fileSchemas = {
  'data-categories': z
    .object({
      kind: z.literal('data-categories'),
      derived_from: z.unknown().optional(),
      categories: z.array(dataCategorySchema),
    })
    .strict(),
  purposes: z
    .object({ kind: z.literal('purposes'), derived_from: z.unknown().optional(), purposes: z.array(purposeSchema) })
    .strict(),
  'vendor-categories': z
    .object({ kind: z.literal('vendor-categories'), categories: z.array(vendorCategorySchema) })
    .strict(),
  'pii-rules': z.object({ kind: z.literal('pii-rules'), rules: z.array(piiRuleSchema) }).strict(),
  'pii-vocabulary': piiVocabularySchema,
  vendor: vendorRuleSchema,
  cookie: cookieCatalogueSchema,
  'submitted-data': submittedDataFileSchema,
  sinks: sinkFileSchema,
  ...policyFileSchemas,
  'outbound-calls': outboundCallsSchema,
  'package-wrappers': packageWrappersSchema,
  'sign-in-libraries': signInLibrariesSchema,
  'framework-modules': frameworkModulesSchema,
  'form-controls': formControlsSchema,
  'dependency-injection': dependencyInjectionSchema,
  'repository-roles': repositoryRolesSchema,
  'operator-values': operatorValuesSchema,
  'flow-vocabulary': flowVocabularySchema,
  'session-cookie-libraries': sessionLibrariesSchema,
} as const

type FileKind = keyof typeof fileSchemas

/** Rule kinds whose whole file is one entry, and the list each is collected into. */
const WHOLE_FILE_KINDS = {
  'outbound-calls': 'outbound',
  'package-wrappers': 'wrappers',
  'sign-in-libraries': 'signIn',
  'framework-modules': 'frameworkModules',
  'form-controls': 'formControls',
  'dependency-injection': 'dependencyInjection',
  'repository-roles': 'repositoryRoles',
  'operator-values': 'operatorValues',
  'session-cookie-libraries': 'sessionLibraries',
} as const satisfies Partial<Record<FileKind, string>>

/** The folder of built-in rules shipped with privacy-drift (found by walking up from this module). */
export function builtinRulesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'rules')
    if (existsSync(join(candidate, 'taxonomy'))) return candidate
    dir = dirname(dir)
  }
  throw new Error('privacy-drift: cannot find its built-in rules folder (rules/taxonomy) next to the program')
}

/** The YAML files under a rules folder; links inside it are not followed (a folder link could loop). */
function listYaml(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (lstatSync(p).isDirectory()) walk(p)
      else if (/\.ya?ml$/.test(name)) out.push(p)
    }
  }
  walk(dir)
  return out
}

interface Loaded<T> {
  value: T
  file: LocatedYaml
  path: PropertyKey[]
}

const cache = new Map<string, RuleSet>()
const inputs = new WeakMap<RuleSet, RuleSetInput>()

/** The validated plain data a RuleSet was loaded from (structured-clone friendly: for worker threads). */
export function ruleSetInput(rules: RuleSet): RuleSetInput | undefined {
  return inputs.get(rules)
}

/** Loads, validates and indexes the built-in rules plus any user rule folders; throws ConfigError, located. */
export function loadRules(extraDirs: readonly string[] = [], cwd = process.cwd()): RuleSet {
  const dirs = [builtinRulesDir(), ...extraDirs.map((d) => resolve(cwd, d))]
  const memoKey = dirs.join('\0')
  const hit = cache.get(memoKey)
  if (hit) return hit
  const problems: Problem[] = []
  const collected = {
    categories: [] as Loaded<z.infer<typeof dataCategorySchema>>[],
    purposes: [] as Loaded<z.infer<typeof purposeSchema>>[],
    vendorCategories: [] as Loaded<z.infer<typeof vendorCategorySchema>>[],
    piiRules: [] as Loaded<z.infer<typeof piiRuleSchema>>[],
    vocabularies: [] as Loaded<z.infer<typeof piiVocabularySchema>>[],
    vendors: [] as Loaded<z.infer<typeof vendorRuleSchema>>[],
    cookies: [] as Loaded<z.infer<typeof cookieCatalogueSchema>['cookies'][number]>[],
    sinkFiles: [] as Loaded<z.infer<typeof sinkFileSchema>>[],
    policy: [] as PolicyRuleFile[],
    submitted: [] as Loaded<z.infer<typeof submittedDataFileSchema>['sources'][number]>[],
    outbound: [] as z.infer<typeof outboundCallsSchema>[],
    wrappers: [] as z.infer<typeof packageWrappersSchema>[],
    signIn: [] as z.infer<typeof signInLibrariesSchema>[],
    frameworkModules: [] as z.infer<typeof frameworkModulesSchema>[],
    formControls: [] as FormControlsFile[],
    dependencyInjection: [] as DependencyInjectionFile[],
    repositoryRoles: [] as RepositoryRolesFile[],
    operatorValues: [] as OperatorValuesFile[],
    flowVocabularies: [] as Loaded<FlowVocabularyFile>[],
    sessionLibraries: [] as SessionLibrariesFile[],
  }
  const sources: { abs: string; text: string }[] = []
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      problems.push({ file: dir, line: 1, column: 1, message: 'rules folder does not exist' })
      continue
    }
    for (const abs of listYaml(dir)) {
      try {
        // Rule folders may come from the repository (the action's `rules` input): regular files only, bounded.
        sources.push({ abs, text: readRegularFile(abs, { maxBytes: MAX_YAML_BYTES, noFollow: true }).toString('utf8') })
      } catch (e) {
        problems.push({ file: relative(cwd, abs) || abs, line: 1, column: 1, message: `rule file ${(e as Error).message}` })
      }
    }
  }
  // The built-in rules alone: the snapshot the bundle was built with, when they are the same files.
  const bundled =
    problems.length === 0 && extraDirs.length === 0 ? readBundledRules(builtinRulesDigest(dirs[0]!, sources)) : undefined
  if (bundled) return remember(memoKey, new RuleSet(bundled), bundled)
  // Validated rules are cached on disk by content: parsing the YAML is most of a cold start.
  const cacheDir = rulesCacheDir(dirs[0]!)
  const cacheKey = problems.length === 0 ? rulesCacheKey(sources) : undefined
  const cached = cacheKey ? readRulesCache(cacheDir, cacheKey) : undefined
  if (cached) return remember(memoKey, new RuleSet(cached), cached)
  for (const { abs, text } of sources) {
    const display = relative(cwd, abs) || abs
    let y: LocatedYaml
    try {
      y = parseLocatedYaml(text, display)
    } catch (e) {
      if (e instanceof ConfigError) {
        problems.push(...e.problems)
        continue
      }
      throw e
    }
    const kind = (y.value as { kind?: unknown } | null)?.kind
    if (typeof kind !== 'string' || !(kind in fileSchemas)) {
      problems.push({
        file: display,
        ...locate(y, ['kind']),
        key: 'kind',
        message: `unknown rule file kind ${JSON.stringify(kind)}`,
        hint: `one of: ${Object.keys(fileSchemas).join(', ')}`,
      })
      continue
    }
    const parsed = fileSchemas[kind as FileKind].safeParse(y.value)
    if (!parsed.success) {
      problems.push(...zodProblems(y, parsed.error.issues))
      continue
    }
    const data = parsed.data as Record<string, unknown>
    switch (kind as FileKind) {
      case 'data-categories':
        ;(data.categories as never[]).forEach((value, i) => collected.categories.push({ value, file: y, path: ['categories', i] }))
        break
      case 'purposes':
        ;(data.purposes as never[]).forEach((value, i) => collected.purposes.push({ value, file: y, path: ['purposes', i] }))
        break
      case 'vendor-categories':
        ;(data.categories as never[]).forEach((value, i) =>
          collected.vendorCategories.push({ value, file: y, path: ['categories', i] }),
        )
        break
      case 'pii-rules':
        ;(data.rules as never[]).forEach((value, i) => collected.piiRules.push({ value, file: y, path: ['rules', i] }))
        break
      case 'pii-vocabulary':
        collected.vocabularies.push({ value: data as never, file: y, path: [] })
        break
      case 'vendor':
        collected.vendors.push({ value: data as never, file: y, path: [] })
        break
      case 'cookie':
        ;(data.cookies as never[]).forEach((value, i) => collected.cookies.push({ value, file: y, path: ['cookies', i] }))
        break
      case 'submitted-data':
        ;(data.sources as never[]).forEach((value, i) => collected.submitted.push({ value, file: y, path: ['sources', i] }))
        break
      case 'outbound-calls':
      case 'package-wrappers':
      case 'sign-in-libraries':
      case 'framework-modules':
      case 'form-controls':
      case 'dependency-injection':
      case 'repository-roles':
      case 'operator-values':
      case 'session-cookie-libraries':
        collected[WHOLE_FILE_KINDS[kind as keyof typeof WHOLE_FILE_KINDS]].push(data as never)
        break
      case 'flow-vocabulary':
        collected.flowVocabularies.push({ value: data as never, file: y, path: [] })
        break
      case 'sinks':
        collected.sinkFiles.push({ value: data as never, file: y, path: [] })
        break
      default:
        if (isPolicyFileKind(kind)) collected.policy.push({ kind, data, at: (path) => ({ file: y.file, ...locate(y, path) }) })
    }
  }
  const at = (l: Loaded<unknown>, sub: PropertyKey[] = []): { file: string; line: number; column: number } => ({
    file: l.file.file,
    ...locate(l.file, [...l.path, ...sub]),
  })
  unique(collected.categories, (c) => c.key, 'data category', at, problems)
  unique(collected.purposes, (c) => c.key, 'purpose', at, problems)
  unique(collected.vendorCategories, (c) => c.key, 'vendor category', at, problems)
  unique(collected.piiRules, (c) => c.id, 'pii rule id', at, problems)
  unique(collected.vendors, (c) => c.id, 'vendor id', at, problems)
  unique(collected.submitted, (c) => c.id, 'submitted-data source id', at, problems)

  const categoryKeys = collected.categories.map((c) => c.value.key)
  const categorySet = new Set(categoryKeys)
  for (const c of collected.categories) {
    const parts = c.value.key.split('.')
    if (parts.length > 1 && !categorySet.has(parts.slice(0, -1).join('.')))
      problems.push({ ...at(c, ['key']), message: `data category "${c.value.key}" has no parent "${parts.slice(0, -1).join('.')}"` })
  }
  for (const r of collected.piiRules)
    if (!categorySet.has(r.value.category))
      problems.push({ ...at(r, ['category']), key: 'category', message: `unknown data category "${r.value.category}"`, hint: suggestion(r.value.category, categoryKeys, 'categories') })
  const piiVocabulary = mergeVocabularies(collected.vocabularies, categorySet, at, problems)
  const vendorCategoryKeys = collected.vendorCategories.map((c) => c.value.key)
  const packageOwners = new Map<string, string>()
  const signInOwners = new Map<string, string>()
  const claimOwners = new Map<string, string>()
  for (const c of collected.vendorCategories)
    c.value.data.forEach((cat, i) => {
      if (!categorySet.has(cat))
        problems.push({ ...at(c, ['data', i]), key: `data[${i}]`, message: `unknown data category "${cat}"`, hint: suggestion(cat, categoryKeys, 'categories') })
    })
  for (const v of collected.vendors) {
    v.value.categories.forEach((cat, i) => {
      if (!vendorCategoryKeys.includes(cat))
        problems.push({ ...at(v, ['categories', i]), key: `categories[${i}]`, message: `unknown vendor category "${cat}"`, hint: suggestion(cat, vendorCategoryKeys, 'vendor-categories') })
    })
    v.value.data_categories.forEach((cat, i) => {
      if (!categorySet.has(cat))
        problems.push({ ...at(v, ['data_categories', i]), key: `data_categories[${i}]`, message: `unknown data category "${cat}"`, hint: suggestion(cat, categoryKeys, 'categories') })
    })
    for (const p of [...v.value.packages, ...v.value.build_time_packages]) {
      const owner = packageOwners.get(p)
      if (owner && owner !== v.value.id)
        problems.push({ ...at(v, ['packages']), message: `package "${p}" is claimed by both "${owner}" and "${v.value.id}"` })
      packageOwners.set(p, v.value.id)
    }
    // An API path or a config file names one vendor, as a package does.
    for (const [field, what, values] of [['api_paths', 'API path', v.value.api_paths], ['config_files', 'config file', v.value.config_files]] as const)
      for (const n of values) {
        const owner = claimOwners.get(`${field}:${n}`)
        if (owner && owner !== v.value.id)
          problems.push({ ...at(v, [field]), message: `${what} "${n}" is claimed by both "${owner}" and "${v.value.id}"` })
        claimOwners.set(`${field}:${n}`, v.value.id)
      }
    for (const [field, names] of [['ids', v.value.sign_in?.ids ?? []], ['classes', v.value.sign_in?.classes ?? []]] as const)
      for (const n of names) {
        const owner = signInOwners.get(`${field}:${n}`)
        if (owner && owner !== v.value.id)
          problems.push({ ...at(v, ['sign_in', field]), message: `sign-in ${field === 'ids' ? 'id' : 'class'} "${n}" is claimed by both "${owner}" and "${v.value.id}"` })
        signInOwners.set(`${field}:${n}`, v.value.id)
      }
  }
  unique(collected.sinkFiles, (f) => f.id, 'sinks file id', at, problems)
  problems.push(...flowVocabularyProblems(collected.flowVocabularies, categorySet, categoryKeys, at))
  problems.push(...sinkProblems(collected.vendors, collected.sinkFiles, categorySet, categoryKeys, at))
  const policy = mergePolicyRules(
    collected.policy,
    { categoryKeys, vendorCategoryKeys, vendorIds: collected.vendors.map((v) => v.value.id) },
    problems,
  )
  if (problems.length > 0) throw new ConfigError(problems)
  const input: RuleSetInput = {
    categories: collected.categories.map((c) => c.value),
    purposes: collected.purposes.map((c) => c.value),
    vendorCategories: collected.vendorCategories.map((c) => c.value),
    piiRules: collected.piiRules.map((c) => c.value),
    piiVocabulary,
    vendors: collected.vendors.map((c) => c.value),
    cookies: collected.cookies.map((c) => c.value),
    sinkFiles: collected.sinkFiles.map((c) => c.value),
    policy,
    submitted: collected.submitted.map((c) => c.value),
    outbound: collected.outbound,
    wrappers: collected.wrappers,
    signIn: collected.signIn,
    frameworkModules: collected.frameworkModules,
    formControls: collected.formControls,
    dependencyInjection: collected.dependencyInjection,
    repositoryRoles: collected.repositoryRoles,
    operatorValues: collected.operatorValues,
    flowVocabulary: collected.flowVocabularies.map((c) => c.value),
    sessionLibraries: collected.sessionLibraries,
  }
  if (cacheKey) writeRulesCache(cacheDir, cacheKey, input)
  return remember(memoKey, new RuleSet(input), input)
}

/**
 * Sink checks the schema cannot make: every data category named exists, and `url` (the vendor decided by host) is
 * used only in `kind: sinks` files, where no vendor is fixed.
 */
function sinkProblems(
  vendors: readonly Loaded<z.infer<typeof vendorRuleSchema>>[],
  files: readonly Loaded<z.infer<typeof sinkFileSchema>>[],
  categorySet: ReadonlySet<string>,
  categoryKeys: readonly string[],
  at: (l: Loaded<unknown>, sub?: PropertyKey[]) => { file: string; line: number; column: number },
): Problem[] {
  const problems: Problem[] = []
  const blocks = [
    ...vendors.flatMap((v) => (v.value.sinks ? [{ owner: v, base: ['sinks'], block: v.value.sinks, fixed: true }] : [])),
    ...files.map((f) => ({ owner: f, base: [] as PropertyKey[], block: f.value, fixed: false })),
  ]
  const category = (owner: Loaded<unknown>, path: PropertyKey[], key: string): void => {
    if (!categorySet.has(key))
      problems.push({ ...at(owner, path), key: path.join('.'), message: `unknown data category "${key}"`, hint: suggestion(key, [...categoryKeys], 'categories') })
  }
  const vendorIds = new Set(vendors.map((v) => v.value.id))
  for (const f of files)
    f.value.named_receivers.forEach((r, i) => {
      if (!vendorIds.has(r.vendor))
        problems.push({ ...at(f, ['named_receivers', i, 'vendor']), key: 'vendor', message: `no vendor rule has the id "${r.vendor}"`, hint: suggestion(r.vendor, [...vendorIds], 'vendor ids') })
    })
  for (const { owner, base, block, fixed } of blocks) {
    block.calls.forEach((c, i) => {
      if (c.category) category(owner, [...base, 'calls', i, 'category'], c.category)
      if (c.records) category(owner, [...base, 'calls', i, 'records'], c.records)
      else if (c.records_when)
        problems.push({ ...at(owner, [...base, 'calls', i, 'records_when']), key: 'records_when', message: '`records_when` needs `records`: the category the call records' })
      for (const [arg, key] of Object.entries(c.arg_categories ?? {}))
        category(owner, [...base, 'calls', i, 'arg_categories', arg], key)
      if (fixed && c.by_name)
        problems.push({ ...at(owner, [...base, 'calls', i, 'by_name']), key: 'by_name', message: 'a sink read by names alone belongs in a `kind: sinks` file' })
      if (fixed && c.own_function)
        problems.push({ ...at(owner, [...base, 'calls', i, 'own_function']), key: 'own_function', message: 'a sink on the repository’s own functions belongs in a `kind: sinks` file' })
      if (c.own_function && !c.url)
        problems.push({ ...at(owner, [...base, 'calls', i, 'own_function']), key: 'own_function', message: '`own_function` sends to the host its arguments name: it needs `url`' })
      if (c.query && !c.url)
        problems.push({ ...at(owner, [...base, 'calls', i, 'query']), key: 'query', message: '`query` is part of a URL: it needs `url`' })
      for (const key of ['url', 'vendor_arg'] as const)
        if (fixed && c[key] !== undefined)
          problems.push({ ...at(owner, [...base, 'calls', i, key]), key, message: `a vendor rule’s sink sends to its own vendor: \`${key}\` belongs in a \`kind: sinks\` file` })
    })
    block.examples.positive.forEach((e, i) => {
      if (typeof e !== 'string') e.flows?.forEach((f, j) => category(owner, [...base, 'examples', 'positive', i, 'flows', j], f))
    })
  }
  return problems
}

/**
 * Flow-vocabulary checks the schema cannot make: every list is given by some file (the built-in
 * rules/flows/vocabulary.yaml gives them all), and the data categories its lists and examples name exist.
 */
function flowVocabularyProblems(
  files: readonly Loaded<FlowVocabularyFile>[],
  categorySet: ReadonlySet<string>,
  categoryKeys: readonly string[],
  at: (l: Loaded<unknown>, sub?: PropertyKey[]) => { file: string; line: number; column: number },
): Problem[] {
  const problems: Problem[] = []
  const category = (owner: Loaded<unknown>, path: PropertyKey[], key: string): void => {
    if (!categorySet.has(key))
      problems.push({ ...at(owner, path), key: path.join('.'), message: `unknown data category "${key}"`, hint: suggestion(key, [...categoryKeys], 'categories') })
  }
  problems.push(
    ...missingLists(
      'flow vocabulary',
      files[0]?.file.file ?? 'rules/flows',
      missingFlowLists(files.map((f) => f.value)),
      'rules/flows/vocabulary.yaml',
    ),
  )
  for (const f of files) {
    for (const [name, list] of Object.entries(f.value.categories))
      list!.categories.forEach((c, i) => category(f, ['categories', name, 'categories', i], c))
    for (const group of ['words', 'sequences', 'categories', 'names'] as const)
      for (const [name, list] of Object.entries(f.value[group]))
        for (const side of ['positive', 'negative'] as const)
          (list as { examples: Record<typeof side, SinkExample[]> }).examples[side].forEach((e, i) => {
            if (typeof e !== 'string')
              e.flows?.forEach((c, j) => category(f, [group, name, 'examples', side, i, 'flows', j], c))
          })
  }
  return problems
}

/** The built-in rules' digest and validated data: what `npm run bundle` writes beside the bundle. */
export function builtinRulesSnapshot(): { digest: string; input: RuleSetInput } {
  const dir = builtinRulesDir()
  const sources = listYaml(dir).map((abs) => ({ abs, text: readRegularFile(abs, { maxBytes: MAX_YAML_BYTES, noFollow: true }).toString('utf8') }))
  const input = ruleSetInput(loadRules([]))
  if (!input) throw new Error('privacy-drift: the built-in rules loaded without their data')
  return { digest: builtinRulesDigest(dir, sources), input }
}

function remember(memoKey: string, rules: RuleSet, input: RuleSetInput): RuleSet {
  cache.set(memoKey, rules)
  inputs.set(rules, input)
  return rules
}

/**
 * One vocabulary from every `pii-vocabulary` file: each list is the union of the files' lists (a user folder adds
 * words), decisions are concatenated. Every list must be given by some file; category keys must exist.
 */
function mergeVocabularies(
  files: Loaded<z.infer<typeof piiVocabularySchema>>[],
  categories: ReadonlySet<string>,
  at: (l: Loaded<unknown>, sub?: PropertyKey[]) => { file: string; line: number; column: number },
  problems: Problem[],
): PiiVocabulary {
  const words = Object.fromEntries(PII_WORD_LISTS.map((k) => [k, [] as string[]])) as PiiVocabulary['words']
  const cats = Object.fromEntries(PII_CATEGORY_LISTS.map((k) => [k, [] as string[]])) as PiiVocabulary['categories']
  const seqs = Object.fromEntries(PII_SEQUENCE_LISTS.map((k) => [k, [] as string[][]])) as PiiVocabulary['sequences']
  const given = new Set<string>()
  const decisions: PiiVocabulary['decisions'] = []
  for (const f of files) {
    const v = f.value
    for (const [k, list] of Object.entries(v.words)) {
      given.add(k)
      for (const w of list!.words) if (!words[k as keyof typeof words].includes(w)) words[k as keyof typeof words].push(w)
    }
    for (const [k, list] of Object.entries(v.categories)) {
      given.add(k)
      list!.categories.forEach((c, i) => {
        if (!categories.has(c))
          problems.push({ ...at(f, ['categories', k, 'categories', i]), message: `unknown data category "${c}"` })
        if (!cats[k as keyof typeof cats].includes(c)) cats[k as keyof typeof cats].push(c)
      })
    }
    for (const [k, list] of Object.entries(v.sequences)) {
      given.add(k)
      seqs[k as keyof typeof seqs].push(...list!.sequences)
    }
    v.decisions.forEach((d, i) => {
      if (decisions.some((x) => x.id === d.id))
        problems.push({ ...at(f, ['decisions', i, 'id']), message: `decision "${d.id}" is described twice` })
      else decisions.push(d)
    })
  }
  const missing = [...PII_WORD_LISTS, ...PII_CATEGORY_LISTS, ...PII_SEQUENCE_LISTS].filter((k) => !given.has(k))
  problems.push(...missingLists('pii vocabulary', files[0]?.file.file ?? 'rules/pii', missing, 'rules/pii/vocabulary.yaml'))
  return { words, categories: cats, sequences: seqs, decisions }
}

/** The problem of a vocabulary some of whose lists no file gives (the built-in file gives every one). */
function missingLists(vocabulary: string, file: string, missing: readonly string[], builtin: string): Problem[] {
  if (missing.length === 0) return []
  const lists = missing.map((k) => `"${k}"`).join(', ')
  return [
    { file, line: 1, column: 1, message: `the ${vocabulary} has no list ${lists}`, hint: `the built-in ${builtin} defines every list` },
  ]
}

function unique<T>(
  items: Loaded<T>[],
  key: (v: T) => string,
  what: string,
  at: (l: Loaded<unknown>) => { file: string; line: number; column: number },
  problems: Problem[],
): void {
  const seen = new Map<string, Loaded<T>>()
  for (const item of items) {
    const k = key(item.value)
    const first = seen.get(k)
    if (first) {
      const f = at(first)
      problems.push({ ...at(item), message: `duplicate ${what} "${k}" (first defined at ${f.file}:${f.line})` })
    } else seen.set(k, item)
  }
}
