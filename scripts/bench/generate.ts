/**
 * A deterministic synthetic monorepo for the benchmark: packages of models, forms, API routes, components,
 * SDK wrappers, cookie helpers, services, Prisma schemas and a package.json each. The same seed and sizes always
 * give byte-identical files, so timings from different runs and machines compare like with like.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export interface GenerateOptions {
  /** Scannable files to write (source, Prisma schemas and package.json files). */
  files: number
  /** Total bytes to aim for across those files. */
  bytes: number
  seed?: number
}

export interface GeneratedTree {
  files: string[]
  bytes: number
  packages: number
}

/** mulberry32: small, fast and deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Rand {
  private readonly next: () => number
  constructor(seed: number) {
    this.next = prng(seed)
  }
  int(n: number): number {
    return Math.floor(this.next() * n)
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  sample<T>(list: readonly T[], n: number): T[] {
    const copy = [...list]
    const out: T[] = []
    while (out.length < n && copy.length > 0) out.push(copy.splice(this.int(copy.length), 1)[0]!)
    return out
  }
  /** A file size around `mean`: most files small, a few large (like a real repository). */
  size(mean: number): number {
    const u = Math.max(1e-6, this.next())
    return Math.round(Math.min(mean * 12, Math.max(mean * 0.15, -Math.log(u) * mean)))
  }
}

const ENTITIES = [
  'user',
  'customer',
  'order',
  'invoice',
  'product',
  'shipment',
  'subscription',
  'ticket',
  'patient',
  'employee',
  'lead',
  'review',
  'payment',
  'account',
  'cart',
  'message',
  'notification',
  'report',
  'project',
  'task',
  'team',
  'workspace',
  'booking',
  'member',
  'profile',
  'contact',
  'applicant',
  'driver',
  'vendor',
  'warehouse',
  'coupon',
  'campaign',
  'article',
  'comment',
  'device',
  'appointment',
  'donation',
  'policy',
  'claim',
  'course',
]

const PII_FIELDS: [string, string][] = [
  ['email', 'string'],
  ['firstName', 'string'],
  ['lastName', 'string'],
  ['phoneNumber', 'string'],
  ['dateOfBirth', 'Date'],
  ['ipAddress', 'string'],
  ['streetAddress', 'string'],
  ['postalCode', 'string'],
  ['city', 'string'],
  ['country', 'string'],
  ['passportNumber', 'string'],
  ['iban', 'string'],
  ['gender', 'string'],
  ['nationality', 'string'],
  ['userAgent', 'string'],
  ['latitude', 'number'],
  ['longitude', 'number'],
  ['deviceId', 'string'],
  ['displayName', 'string'],
  ['username', 'string'],
  ['passwordHash', 'string'],
  ['billingAddress', 'string'],
  ['taxId', 'string'],
  ['emergencyContactPhone', 'string'],
  ['avatarUrl', 'string'],
  ['fullName', 'string'],
  ['mobileNumber', 'string'],
  ['homeAddress', 'string'],
]

const PLAIN_FIELDS: [string, string][] = [
  ['id', 'string'],
  ['createdAt', 'Date'],
  ['updatedAt', 'Date'],
  ['status', 'string'],
  ['totalCents', 'number'],
  ['currency', 'string'],
  ['quantity', 'number'],
  ['sku', 'string'],
  ['title', 'string'],
  ['description', 'string'],
  ['priority', 'number'],
  ['isActive', 'boolean'],
  ['tags', 'string[]'],
  ['version', 'number'],
  ['retryCount', 'number'],
  ['slug', 'string'],
  ['locale', 'string'],
  ['sortOrder', 'number'],
  ['archived', 'boolean'],
  ['externalRef', 'string'],
  ['dueDate', 'Date'],
  ['notes', 'string'],
  ['emailVerified', 'boolean'],
  ['maxItems', 'number'],
  ['themeColor', 'string'],
  ['featureFlag', 'boolean'],
]

/** [package, import name, init call, host] — real SDKs the rules know, so the scan finds them. */
const SDKS: { pkg: string; local: string; usage: (key: string) => string; host: string }[] = [
  {
    pkg: 'posthog-js',
    local: 'posthog',
    usage: (k) => `posthog.init(${k}, { api_host: 'https://eu.i.posthog.com' })`,
    host: 'eu.i.posthog.com',
  },
  {
    pkg: '@segment/analytics-next',
    local: '{ AnalyticsBrowser }',
    usage: (k) => `AnalyticsBrowser.load({ writeKey: ${k} })`,
    host: 'api.segment.io',
  },
  {
    pkg: 'mixpanel-browser',
    local: 'mixpanel',
    usage: (k) => `mixpanel.init(${k}, { track_pageview: true })`,
    host: 'api-js.mixpanel.com',
  },
  {
    pkg: '@sentry/browser',
    local: '* as Sentry',
    usage: (k) => `Sentry.init({ dsn: ${k}, tracesSampleRate: 0.1 })`,
    host: 'o0.ingest.sentry.io',
  },
  {
    pkg: '@amplitude/analytics-browser',
    local: '* as amplitude',
    usage: (k) => `amplitude.init(${k})`,
    host: 'api2.amplitude.com',
  },
  { pkg: 'stripe', local: 'Stripe', usage: (k) => `new Stripe(${k})`, host: 'api.stripe.com' },
  {
    pkg: '@sendgrid/mail',
    local: 'sgMail',
    usage: (k) => `sgMail.setApiKey(${k})`,
    host: 'api.sendgrid.com',
  },
  {
    pkg: 'twilio',
    local: 'twilio',
    usage: (k) => `twilio(${k}, process.env.TWILIO_AUTH_TOKEN)`,
    host: 'api.twilio.com',
  },
  { pkg: 'resend', local: '{ Resend }', usage: (k) => `new Resend(${k})`, host: 'api.resend.com' },
  {
    pkg: 'algoliasearch',
    local: 'algoliasearch',
    usage: (k) => `algoliasearch('APPID', ${k})`,
    host: 'algolia.net',
  },
]

const UI_WORDS = [
  'Panel',
  'Card',
  'List',
  'Table',
  'Header',
  'Sidebar',
  'Badge',
  'Modal',
  'Toolbar',
  'Summary',
  'Chart',
  'Filter',
  'Row',
  'Grid',
  'Tabs',
]
const VERBS = [
  'load',
  'sync',
  'compute',
  'validate',
  'merge',
  'format',
  'resolve',
  'collect',
  'apply',
  'build',
  'render',
  'reduce',
  'index',
  'rank',
  'group',
]
const NOUNS = [
  'items',
  'entries',
  'rows',
  'batch',
  'totals',
  'config',
  'options',
  'result',
  'state',
  'cache',
  'queue',
  'records',
  'window',
  'metrics',
  'buckets',
]

const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1)

interface Ctx {
  r: Rand
  pkg: string
  entity: string
  target: number
}

/** Business-logic filler: functions, classes, loops, object literals — the bulk of a real code base. */
function filler(c: Ctx, index: number): string {
  const { r } = c
  const v = r.pick(VERBS)
  const n = r.pick(NOUNS)
  const name = `${v}${cap(n)}${index}`
  switch (r.int(5)) {
    case 0:
      return `
export function ${name}(input: readonly { key: string; value: number; weight?: number }[], limit = ${10 + r.int(90)}): Map<string, number> {
  const out = new Map<string, number>()
  for (const entry of input) {
    if (out.size >= limit) break
    const previous = out.get(entry.key) ?? 0
    const weighted = entry.value * (entry.weight ?? 1)
    if (weighted > ${r.int(1000)}) out.set(entry.key, previous + Math.round(weighted / ${2 + r.int(8)}))
    else if (weighted < 0) out.delete(entry.key)
    else out.set(entry.key, previous + weighted)
  }
  return out
}
`
    case 1:
      return `
export class ${cap(name)}Service {
  private readonly cache = new Map<string, { at: number; value: unknown }>()
  constructor(private readonly ttlMs = ${1000 * (1 + r.int(60))}) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key)
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value as T
    const value = await load()
    this.cache.set(key, { at: Date.now(), value })
    return value
  }

  invalidate(prefix: string): number {
    let removed = 0
    for (const key of [...this.cache.keys()]) {
      if (key.startsWith(prefix)) {
        this.cache.delete(key)
        removed++
      }
    }
    return removed
  }
}
`
    case 2:
      return `
export const ${name}Table = {
  columns: ['${r.pick(NOUNS)}', '${r.pick(NOUNS)}', '${r.pick(NOUNS)}'],
  pageSize: ${10 * (1 + r.int(10))},
  labels: { empty: 'Nothing to show yet', loading: 'Loading ${n}…', error: 'Could not load ${n}' },
  sort: (a: { rank: number }, b: { rank: number }) => a.rank - b.rank || ${r.int(3) - 1},
}

export function ${name}(rows: { id: string; rank: number; label: string }[]): string[] {
  return rows
    .filter((row) => row.label.length > ${r.int(4)})
    .sort(${name}Table.sort)
    .slice(0, ${name}Table.pageSize)
    .map((row, i) => \`\${i + 1}. \${row.label} (\${row.id})\`)
}
`
    case 3:
      return `
export type ${cap(name)}Event =
  | { type: 'started'; at: number }
  | { type: 'progress'; done: number; total: number }
  | { type: 'failed'; reason: string }
  | { type: 'finished'; at: number; count: number }

export function ${name}Reducer(state: { phase: string; done: number; errors: string[] }, event: ${cap(name)}Event) {
  switch (event.type) {
    case 'started':
      return { ...state, phase: 'running', done: 0 }
    case 'progress':
      return { ...state, done: Math.min(event.done, event.total) }
    case 'failed':
      return { ...state, phase: 'failed', errors: [...state.errors, event.reason] }
    case 'finished':
      return { ...state, phase: event.count > ${r.int(50)} ? 'done' : 'partial' }
    default:
      return state
  }
}
`
    default:
      return `
export async function ${name}(ids: string[], fetchOne: (id: string) => Promise<{ ok: boolean; size: number }>) {
  const results: { id: string; size: number }[] = []
  const failures: string[] = []
  for (let i = 0; i < ids.length; i += ${2 + r.int(14)}) {
    const chunk = ids.slice(i, i + ${2 + r.int(14)})
    const settled = await Promise.allSettled(chunk.map((id) => fetchOne(id)))
    settled.forEach((s, j) => {
      if (s.status === 'fulfilled' && s.value.ok) results.push({ id: chunk[j]!, size: s.value.size })
      else failures.push(chunk[j]!)
    })
  }
  return { results, failures, ratio: results.length / Math.max(1, ids.length) }
}
`
  }
}

/** Appends filler until the file reaches its target size. */
function padded(c: Ctx, head: string): string {
  let text = head
  for (let i = 0; text.length + 350 < c.target; i++) text += filler(c, i)
  return text
}

function fields(c: Ctx): [string, string][] {
  const pii = c.r.sample(PII_FIELDS, 2 + c.r.int(5))
  const plain = c.r.sample(PLAIN_FIELDS, 3 + c.r.int(6))
  return [...plain.slice(0, 1), ...pii, ...plain.slice(1)]
}

function model(c: Ctx): string {
  const E = cap(c.entity)
  const fs = fields(c)
  const zodType = (t: string): string =>
    t === 'number'
      ? 'z.number()'
      : t === 'boolean'
        ? 'z.boolean()'
        : t === 'Date'
          ? 'z.coerce.date()'
          : t.endsWith('[]')
            ? 'z.array(z.string())'
            : 'z.string()'
  return padded(
    c,
    `import { z } from 'zod'

export interface ${E} {
${fs.map(([n, t]) => `  ${n}: ${t}`).join('\n')}
}

export const ${c.entity}Schema = z.object({
${fs.map(([n, t]) => `  ${n}: ${n === 'email' ? 'z.string().email()' : zodType(t)},`).join('\n')}
})

export type ${E}Input = z.infer<typeof ${c.entity}Schema>

export function to${E}Row(value: ${E}): Record<string, unknown> {
  return { ${fs.map(([n]) => n).join(', ')} }
}
`,
  )
}

function form(c: Ctx): string {
  const E = cap(c.entity)
  const fs = c.r.sample(PII_FIELDS, 3 + c.r.int(4))
  const inputs = fs
    .map(([n]) =>
      c.r.chance(0.5)
        ? `      <input {...register('${n}')} placeholder="${n}" />`
        : `      <input name="${n}"${n === 'email' ? ' type="email" autoComplete="email"' : ''} />`,
    )
    .join('\n')
  return padded(
    c,
    `'use client'
import { useState } from 'react'
import { useForm } from 'react-hook-form'

export default function ${E}Form({ onDone }: { onDone: (id: string) => void }) {
  const { register, handleSubmit } = useForm()
  const [error, setError] = useState<string | null>(null)
  const submit = handleSubmit(async (values) => {
    const res = await fetch('/api/${c.entity}', { method: 'POST', body: JSON.stringify(values) })
    if (!res.ok) return setError('Could not save the ${c.entity}')
    const { id } = await res.json()
    onDone(id)
  })
  return (
    <form onSubmit={submit} className="space-y-${1 + c.r.int(6)}">
${inputs}
      {error && <p role="alert">{error}</p>}
      <button type="submit">Save</button>
    </form>
  )
}
`,
  )
}

function route(c: Ctx): string {
  const fs = c.r.sample(PII_FIELDS, 2 + c.r.int(3))
  const sdk = c.r.pick(SDKS)
  return padded(
    c,
    `import { cookies, headers } from 'next/headers'
import { NextResponse } from 'next/server'
import { SESSION_COOKIE } from '../../../lib/cookies'

export async function POST(request: Request) {
  const body = await request.json()
  const ip = (await headers()).get('x-forwarded-for') ?? 'unknown'
${fs.map(([n]) => `  const ${n} = body.${n}`).join('\n')}
  const res = await fetch('https://${sdk.host}/v1/events', {
    method: 'POST',
    body: JSON.stringify({ ${fs.map(([n]) => n).join(', ')}, ip }),
  })
  ;(await cookies()).set(SESSION_COOKIE, String(res.status), { httpOnly: true })
  return NextResponse.json({ ok: res.ok })
}

export async function GET(request: Request) {
  const url = new URL(request.url)
  const page = Number(url.searchParams.get('page') ?? '1')
  return NextResponse.json({ page, items: [] })
}
`,
  )
}

function component(c: Ctx): string {
  const name = `${cap(c.entity)}${c.r.pick(UI_WORDS)}`
  return padded(
    c,
    `import { useMemo, useState } from 'react'

export interface ${name}Props {
  title: string
  items: { id: string; label: string; value: number }[]
  onSelect?: (id: string) => void
}

export function ${name}({ title, items, onSelect }: ${name}Props) {
  const [query, setQuery] = useState('')
  const visible = useMemo(
    () => items.filter((item) => item.label.toLowerCase().includes(query.toLowerCase())),
    [items, query],
  )
  return (
    <section aria-label={title} className="rounded border p-${1 + c.r.int(4)}">
      <h2 className="text-lg font-semibold">{title}</h2>
      <input value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search" />
      <ul>
        {visible.map((item) => (
          <li key={item.id} onClick={() => onSelect?.(item.id)}>
            {item.label} <span className="text-sm">{item.value.toFixed(${c.r.int(3)})}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
`,
  )
}

function sdkFile(c: Ctx, sdk: (typeof SDKS)[number]): string {
  const env = `process.env.${sdk.pkg.replace(/[^a-z]/gi, '_').toUpperCase()}_KEY!`
  return padded(
    c,
    `import ${sdk.local} from '${sdk.pkg}'

export const client = ${sdk.usage(env)}

export function identify${cap(c.entity)}(userId: string, traits: { email?: string; plan?: string }) {
  return { userId, traits, at: Date.now() }
}
`,
  )
}

function cookiesFile(c: Ctx): string {
  return padded(
    c,
    `import Cookies from 'js-cookie'

export const SESSION_COOKIE = '${c.pkg.replace(/-/g, '_')}_session'
export const COOKIE_NAMES = {
  theme: '${c.pkg.replace(/-/g, '_')}_theme',
  consent: '${c.pkg.replace(/-/g, '_')}_consent',
} as const

export function rememberTheme(theme: string) {
  Cookies.set(COOKIE_NAMES.theme, theme, { expires: 365 })
}

export function rememberConsent(value: string) {
  document.cookie = \`${c.pkg.replace(/-/g, '_')}_consent=\${value}; path=/; max-age=31536000\`
}
`,
  )
}

function service(c: Ctx): string {
  const E = cap(c.entity)
  return padded(
    c,
    `import type { ${E} } from '../models/${c.entity}'

export async function find${E}ById(db: { query: (sql: string, args: unknown[]) => Promise<${E}[]> }, id: string) {
  const rows = await db.query('select * from ${c.entity}s where id = $1', [id])
  // A log line with personal data in it: a flow to the logs, so the benchmark measures the flows analysis.
  console.info('${c.entity} lookup', { id, email: (rows[0] as { email?: string } | undefined)?.email })
  return rows[0]
}
`,
  )
}

/** Plain JavaScript filler (CommonJS-era helpers). */
function jsFiller(c: Ctx, index: number): string {
  const name = `${c.r.pick(VERBS)}${cap(c.r.pick(NOUNS))}${index}`
  return c.r.chance(0.5)
    ? `
function ${name}(list, options) {
  const opts = Object.assign({ limit: ${10 + c.r.int(90)}, skipEmpty: true }, options)
  const seen = new Set()
  const out = []
  for (let i = 0; i < list.length && out.length < opts.limit; i++) {
    const item = list[i]
    if (opts.skipEmpty && !item) continue
    const key = typeof item === 'object' ? JSON.stringify(item) : String(item)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(item)
  }
  return out
}
module.exports.${name} = ${name}
`
    : `
const ${name}Defaults = { retries: ${1 + c.r.int(5)}, delayMs: ${100 * (1 + c.r.int(20))}, label: '${c.r.pick(NOUNS)}' }
async function ${name}(task, settings) {
  const conf = { ...${name}Defaults, ...settings }
  let lastError
  for (let attempt = 0; attempt <= conf.retries; attempt++) {
    try {
      return await task(attempt)
    } catch (err) {
      lastError = err
      await new Promise((resolve) => setTimeout(resolve, conf.delayMs * 2 ** attempt))
    }
  }
  throw new Error(conf.label + ' failed: ' + (lastError && lastError.message))
}
module.exports.${name} = ${name}
`
}

function jsUtil(c: Ctx): string {
  let text = `'use strict'\n`
  for (let i = 0; text.length + 350 < c.target; i++) text += jsFiller(c, i)
  return text
}

function prisma(c: Ctx): string {
  const models = c.r.sample(ENTITIES, 3 + c.r.int(3))
  let text = `datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n`
  for (const m of models) {
    const fs = fields(c)
    const prismaType = (t: string): string =>
      t === 'number'
        ? 'Int'
        : t === 'boolean'
          ? 'Boolean'
          : t === 'Date'
            ? 'DateTime'
            : t.endsWith('[]')
              ? 'String[]'
              : 'String'
    text += `\nmodel ${cap(m)} {\n${fs.map(([n, t]) => `  ${n.padEnd(20)} ${prismaType(t)}${n === 'id' ? ' @id' : ''}`).join('\n')}\n}\n`
  }
  return text
}

function packageJson(c: Ctx, sdks: (typeof SDKS)[number][]): string {
  const deps: Record<string, string> = {
    react: '^19.0.0',
    next: '^15.1.0',
    zod: '^3.24.0',
    'js-cookie': '^3.0.5',
  }
  for (const s of sdks) deps[s.pkg] = '^1.0.0'
  return (
    JSON.stringify(
      { name: `@bench/${c.pkg}`, version: '1.0.0', private: true, dependencies: deps },
      null,
      2,
    ) + '\n'
  )
}

/** Writes the synthetic tree under root (emptied first); returns the files written, sorted. */
export function generateMonorepo(root: string, options: GenerateOptions): GeneratedTree {
  rmSync(root, { recursive: true, force: true })
  mkdirSync(root, { recursive: true })
  const r = new Rand(options.seed ?? 20_251_122)
  const mean = options.bytes / options.files
  const written: string[] = []
  let bytes = 0
  const write = (rel: string, text: string): void => {
    const abs = join(root, rel)
    mkdirSync(dirname(abs), { recursive: true })
    writeFileSync(abs, text)
    written.push(rel)
    bytes += Buffer.byteLength(text)
  }
  let p = 0
  while (written.length < options.files) {
    const pkg = `pkg-${String(p).padStart(3, '0')}`
    const base = `packages/${pkg}`
    const sdks = r.sample(SDKS, 2 + r.int(3))
    const ctx = (entity: string): Ctx => ({ r, pkg, entity, target: r.size(mean) })
    // The order of plans is fixed, so a smaller --files gives a prefix of a larger tree's packages.
    const plans: [string, () => string][] = [
      [`${base}/package.json`, () => packageJson(ctx(''), sdks)],
      [`${base}/prisma/schema.prisma`, () => prisma(ctx(''))],
      [`${base}/src/lib/cookies.ts`, () => cookiesFile(ctx(r.pick(ENTITIES)))],
    ]
    sdks.forEach((s, i) =>
      plans.push([`${base}/src/lib/sdk-${i}.ts`, () => sdkFile(ctx(r.pick(ENTITIES)), s)]),
    )
    const entities = r.sample(ENTITIES, 8)
    for (const e of entities.slice(0, 6)) plans.push([`${base}/src/models/${e}.ts`, () => model(ctx(e))])
    for (const e of entities.slice(0, 5))
      plans.push([`${base}/src/forms/${cap(e)}Form.tsx`, () => form(ctx(e))])
    for (const e of entities.slice(2, 8))
      plans.push([`${base}/src/app/api/${e}/route.ts`, () => route(ctx(e))])
    for (let i = 0; i < 12; i++) {
      const e = r.pick(ENTITIES)
      plans.push([`${base}/src/components/${cap(e)}${i}.tsx`, () => component(ctx(e))])
    }
    for (let i = 0; i < 10; i++) {
      const e = entities[i % entities.length]!
      plans.push([`${base}/src/services/${e}-${i}.ts`, () => service(ctx(e))])
    }
    for (let i = 0; i < 4; i++)
      plans.push([`${base}/src/utils/util-${i}.js`, () => jsUtil(ctx(r.pick(ENTITIES)))])
    for (const [rel, make] of plans) {
      if (written.length >= options.files) break
      write(rel, make())
    }
    p++
  }
  // The manifest is not one of the scanned files the size options count.
  writeFileSync(join(root, 'privacy.yml'), manifest())
  written.sort()
  return { files: written, bytes, packages: p }
}

/** A manifest that declares part of what the tree holds, so `check` has real drift to report. */
function manifest(): string {
  return `version: 1
data:
  - category: user.contact.email
    purposes: [essential.service]
  - category: user.name
    purposes: [essential.service]
  - category: user.device.ip_address
    purposes: [essential.service.security]
processors:
  - vendor: stripe
    purpose: to take payments
    data: [user.contact.email]
`
}

/** The head commit's change: edits `count` files spread across the tree (new fields, an SDK, a cookie). */
export function changeForHead(root: string, files: readonly string[], count = 20): string[] {
  const sources = files.filter((f) => /\.(ts|tsx)$/.test(f))
  const step = Math.max(1, Math.floor(sources.length / count))
  const changed: string[] = []
  for (let i = 0; i < sources.length && changed.length < count; i += step) {
    const rel = sources[i]!
    const k = changed.length
    const extra =
      k % 3 === 0
        ? `\nexport interface HeadChange${k} {\n  nationalInsuranceNumber: string\n  medicalRecordNumber: string\n}\n`
        : k % 3 === 1
          ? `\nimport mixpanelHead${k} from 'mixpanel-browser'\nexport const trackHead${k} = (e: string) => mixpanelHead${k}.track(e)\n`
          : `\nimport CookiesHead${k} from 'js-cookie'\nexport const saveHead${k} = (v: string) => CookiesHead${k}.set('head_pref_${k}', v)\n`
    writeFileSync(join(root, rel), readFileSync(join(root, rel), 'utf8') + extra)
    changed.push(rel)
  }
  return changed
}
