import { describe, expect, it } from 'vitest'
import type { Confidence } from '../../src/model/types.js'
import { loadRules } from '../../src/rules/load.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()

/** Every vendor or domain the inventory reports at `min` confidence, as `key how:confidence@line`. */
function found(files: Record<string, string>, min: Confidence = 'medium'): string[] {
  const facts = Object.entries(files).map(([path, code]) => scanFile(path, code, rules))
  const { inventory } = buildInventory(facts, rules, { minConfidence: min })
  return [...inventory.analytics, ...inventory.processors]
    .map(
      (v) => `${v.vendor} ${v.evidence.map((e) => `${e.how}:${e.confidence}@${e.path}:${e.line}`).join(' ')}`,
    )
    .sort()
}

describe('outbound calls', () => {
  it('follows a URL through consts, parameter defaults, templates, fallbacks, new URL() and a local function', () => {
    const code = [
      "const DEFAULT_REGION = 'us-west-2'",
      'function apiBase(): string {',
      '  if (process.env.MEETBOT_URL) return process.env.MEETBOT_URL',
      '  return `https://${process.env.REGION ?? DEFAULT_REGION}.meetbot.ai/api/v1`',
      '}',
      'export async function join(path: string, base = "https://hooks.chat-relay.io") {',
      '  const url = new URL(path, base)',
      '  await fetch(url.toString(), { method: "POST" })',
      '  return fetch(`${apiBase()}${path}`, { method: "POST" })',
      '}',
    ].join('\n')
    expect(found({ 'src/bot.ts': code })).toEqual([
      'chat-relay.io outbound:medium@src/bot.ts:8',
      'meetbot.ai outbound:medium@src/bot.ts:9',
    ])
  })

  it('reports a URL requested through an HTTP client another module of the repository exports', () => {
    const http =
      "import axios from 'axios'\nconst axiosClient = axios.create({ timeout: 5000 })\nexport { axiosClient }\n"
    const notClient = 'export const cache = { get: (key: string) => key }\n'
    const wiki = [
      "import { axiosClient } from './http'",
      "import { cache } from './cache'",
      "export const runtimes = () => axiosClient.get('https://runtimes.example-games.net/api/runtimes')",
      'export async function summary(id: string) {',
      '  const url = `https://www.example-reports.com/api/v1/summaries/${id}.json`',
      '  return (await axiosClient.get(url)).data',
      '}',
      "export const cached = () => cache.get('https://www.example-mirror.org/list')",
    ].join('\n')
    expect(found({ 'src/http.ts': http, 'src/cache.ts': notClient, 'src/wiki.ts': wiki })).toEqual([
      'example-games.net outbound:medium@src/wiki.ts:3',
      'example-reports.com outbound:medium@src/wiki.ts:6',
    ])
  })

  it('names the vendor of a host built at run time by the labels a vendor rule knows', () => {
    const code = [
      'export const authorize = (subdomain: string, open: (u: string) => void) =>',
      '  open(`https://${subdomain}.zendesk.com/oauth/authorizations/new`)',
      'export const profile = (user: string, open: (u: string) => void) => open(`https://${user}.example-pages.com/`)',
      'export const tld = (name: string, open: (u: string) => void) => open(`https://${name}.com/`)',
    ].join('\n')
    expect(found({ 'src/links.ts': code })).toEqual(['zendesk hostname:high@src/links.ts:2'])
  })

  it("reads a map-tile template's {s} subdomain placeholder as an unknown label of the host", () => {
    const code = [
      "export const tiles = 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png'",
      "export const notHost = 'https://{s}/{z}/{x}/{y}.png'",
      "export const badge = 'https://cdn.mxpnl.com/site_media/images/{name}.png'",
    ].join('\n')
    expect(found({ 'src/map.ts': code })).toEqual(['openstreetmap hostname:high@src/map.ts:1'])
  })

  it('reports a URL handed to a client class or function of the repository that requests its parameter', () => {
    const base = [
      "import axios from 'axios'",
      'class ExternalApi {',
      '  protected axios',
      '  constructor(baseUrl: string, params: Record<string, string>) {',
      '    this.axios = axios.create({ baseURL: baseUrl, params })',
      '  }',
      '}',
      'export default ExternalApi',
    ].join('\n')
    const helper =
      'export async function post(url: string, body: unknown) {\n  return fetch(`${url}/send`, { body })\n}\n'
    const movies = [
      "import ExternalApi from '@/api/external'",
      "import { post } from './post'",
      "import { track } from './labels'",
      'export class Movies extends ExternalApi {',
      "  constructor() { super('https://api.moviebase.example-films.org/3', { key: 'k' }) }",
      '}',
      "export const notify = () => post('https://hooks.pager-relay.io', {})",
      "export const label = () => track('https://docs.not-a-call.io/guide')",
    ].join('\n')
    const labels = 'export function track(label: string) {\n  console.log(label)\n}\n'
    const files = {
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'src/api/external.ts': base,
      'src/api/movies.ts': movies,
      'src/api/post.ts': helper,
      'src/api/labels.ts': labels,
    }
    expect(found(files)).toEqual([
      'example-films.org outbound:medium@src/api/movies.ts:5',
      'pager-relay.io outbound:medium@src/api/movies.ts:7',
    ])
    // Without the client module, a URL argument is not a call.
    const { 'src/api/external.ts': _, ...withoutBase } = files
    expect(found(withoutBase)).toEqual(['pager-relay.io outbound:medium@src/api/movies.ts:7'])
  })

  it('reports a URL a subclass hands to a request method it inherits from a base class in another module', () => {
    const base = [
      "import { ofetch } from 'ofetch'",
      'export default abstract class WebSearch {',
      '  abstract search(query: string): Promise<string>',
      '  async fetch(url: string, options: object) {',
      '    return ofetch(url, options)',
      '  }',
      '  log(message: string) {',
      '    console.log(message)',
      '  }',
      '}',
    ].join('\n')
    const engine = [
      "import WebSearch from './base'",
      'export class QuackSearch extends WebSearch {',
      '  async search(query: string) {',
      "    this.log('https://status.quack-engine.dev/incidents')",
      "    return this.fetch('https://html.quack-engine.dev/html/', { query: { q: query } })",
      '  }',
      '}',
    ].join('\n')
    // A class that declares the method itself calls its own `fetch`, which sends nowhere.
    const own = [
      "import WebSearch from './base'",
      'export class OfflineSearch extends WebSearch {',
      '  async fetch(url: string) {',
      '    return url',
      '  }',
      '  async search(query: string) {',
      "    return this.fetch('https://cache.offline-engine.dev/' + query, {})",
      '  }',
      '}',
    ].join('\n')
    expect(
      found({ 'src/search/base.ts': base, 'src/search/quack.ts': engine, 'src/search/offline.ts': own }),
    ).toEqual(['quack-engine.dev outbound:medium@src/search/quack.ts:5'])
  })

  it('reads a URL that starts with a constant another module exports', () => {
    const files = {
      'src/constants.ts': [
        "export const API_BASE = 'https://api.example-films.org/3'",
        "export const config = { hooks: 'https://hooks.pager-relay.io', local: '/api' }",
      ].join('\n'),
      'src/client.ts': [
        "import axios from 'axios'",
        "import { API_BASE, config } from './constants'",
        'export const movies = () => fetch(`${API_BASE}/movies`)',
        'export const hooks = axios.create({ baseURL: config.hooks })',
        'export const local = () => fetch(`${config.local}/users`)',
      ].join('\n'),
    }
    expect(found(files)).toEqual([
      'example-films.org outbound:medium@src/client.ts:3',
      'pager-relay.io outbound:medium@src/client.ts:4',
    ])
    const facts = Object.entries(files).map(([path, code]) => scanFile(path, code, rules))
    const [films] = buildInventory(facts, rules).inventory.processors
    expect(films!.evidence[0]!.reason).toContain('(the URL is API_BASE from src/constants.ts)')
    expect(films!.evidence[0]!.excerpt).toBe('export const movies = () => fetch(`${API_BASE}/movies`)')
  })

  it('attributes a webhook URL set at run time to the chat service its name, class or file names', () => {
    const agent = [
      "import axios from 'axios'",
      'export class Agent {',
      '  async send(settings: { options: { webhookUrl: string } }, payload: object) {',
      '    await axios.post(settings.options.webhookUrl, payload)',
      '  }',
      '}',
    ].join('\n')
    expect(found({ 'server/agents/telegram.ts': agent })).toEqual([
      'telegram outbound:medium@server/agents/telegram.ts:4',
    ])
    expect(found({ 'server/agents/generic.ts': agent })).toEqual([])
    const facts = [scanFile('server/agents/telegram.ts', agent, rules)]
    const [telegram] = buildInventory(facts, rules).inventory.processors
    expect(telegram!.evidence[0]!.reason).toBe(
      'axios.post() sends to settings.options.webhookUrl, a URL set at run time; the file server/agents/telegram.ts is named after Telegram Bot API',
    )
  })

  it('names no host for environment-derived URLs, relative paths, local and placeholder hosts', () => {
    const code = [
      'export const a = () => fetch(`${process.env.API_URL}/v1/users`)',
      "export const b = () => fetch('/api/users')",
      "export const c = () => fetch('http://127.0.0.1:8080/x')",
      "export const d = () => fetch('https://your-project.example-pay.com/x')",
      'export const e = (host: string) => fetch(`https://${host}/api/v1/instance`)',
    ].join('\n')
    expect(found({ 'src/api.ts': code }, 'low')).toEqual([])
  })

  it('maps a known host to its vendor, an unknown subdomain to the one vendor owning the domain, else to the domain', () => {
    const code = [
      "export const a = () => fetch('https://api.resend.com/emails', { method: 'POST' })",
      "export const INTEGRATIONS = { notion: { serverUrl: 'https://mcp.notion.com/mcp' } }",
      // A tenant of a platform domain (the public-suffix list's private part) is its own party.
      "export const c = () => fetch('https://unknownproduct.googleapis.com/v1/x')",
    ].join('\n')
    expect(found({ 'src/x.ts': code })).toEqual([
      'notion outbound:medium@src/x.ts:2',
      'resend outbound:high@src/x.ts:1',
      'unknownproduct.googleapis.com outbound:medium@src/x.ts:3',
    ])
  })

  it('attributes an SDK pointed at another service to that service, not to the SDK’s vendor', () => {
    const router =
      "import OpenAI from 'openai'\nexport const ai = new OpenAI({ apiKey: k, baseURL: 'https://openrouter.ai/api/v1' })\n"
    expect(found({ 'src/router.ts': router })).toEqual(['openrouter outbound:high@src/router.ts:2'])
    expect(found({ 'src/router.ts': router }, 'low')).toContain('openai import:low@src/router.ts:1')
    // One client of its own keeps the import as evidence for the SDK's vendor.
    const both = `${router}export const own = new OpenAI({ apiKey: k })\n`
    expect(found({ 'src/router.ts': both })).toContain('openai import:high@src/router.ts:1')
    // A base URL from the environment may be the vendor's own: the import stays evidence.
    const env =
      "import OpenAI from 'openai'\nexport const ai = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL })\n"
    expect(found({ 'src/env.ts': env })).toEqual(['openai import:high@src/env.ts:1'])
  })

  it('attributes an SDK client whose endpoint is built on another service’s host to that service, with its helpers', () => {
    const store = [
      "import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'",
      "import { getSignedUrl } from '@aws-sdk/s3-request-presigner'",
      'export const bucket = new S3Client({ endpoint: `https://${process.env.ACCOUNT}.r2.cloudflarestorage.com` })',
      'export const sign = (key: string) =>',
      "  getSignedUrl(bucket, new PutObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: 60 })",
    ].join('\n')
    expect(found({ 'src/store.ts': store })).toEqual(['cloudflare-r2 outbound:high@src/store.ts:3'])
    expect(found({ 'src/store.ts': store }, 'low')).toContain(
      'aws-s3 import:low@src/store.ts:1 import:low@src/store.ts:2',
    )
    // A client of the vendor's own beside it keeps both packages as its evidence.
    const own = `${store}\nexport const backups = new S3Client({ region: 'eu-west-1' })\n`
    expect(found({ 'src/store.ts': own })).toContain(
      'aws-s3 import:high@src/store.ts:1 import:high@src/store.ts:2',
    )
  })

  it('keeps an SDK whose every client takes its host from the provider a user configured below the default', () => {
    const rerank = [
      "import { CohereClient } from 'cohere-ai'",
      'export function reranker(providerId: string) {',
      '  const { apiHost, apiKey } = providerSettings(providerId)',
      '  let host = apiHost',
      "  if (providerId === 'hosted') host = hostedOrigin()",
      '  return new CohereClient({ environment: host, token: apiKey })',
      '}',
    ].join('\n')
    expect(found({ 'src/rerank.ts': rerank })).toEqual([])
    expect(found({ 'src/rerank.ts': rerank }, 'low')).toEqual(['cohere import:low@src/rerank.ts:1'])
    // A host from the environment or the deployment's config is an operator's override of the vendor's own.
    const configured = [
      "import { CohereClient } from 'cohere-ai'",
      "import { config } from './config'",
      'export const co = new CohereClient({ environment: config.cohere.host, token: config.cohere.key })',
    ].join('\n')
    expect(found({ 'src/co.ts': configured })).toEqual(['cohere import:high@src/co.ts:1'])
    const env = [
      "import { CohereClient } from 'cohere-ai'",
      'const host = process.env.COHERE_HOST',
      'export const co = () => new CohereClient({ environment: host })',
    ].join('\n')
    expect(found({ 'src/co.ts': env })).toEqual(['cohere import:high@src/co.ts:1'])
    // An object under the option's name holds settings, not a host: the client keeps the vendor's own.
    const tier = [
      "import { CohereClient } from 'cohere-ai'",
      "export const co = new CohereClient({ environment: { tier: 'production' } })",
    ].join('\n')
    expect(found({ 'src/co.ts': tier })).toEqual(['cohere import:high@src/co.ts:1'])
  })

  it('reads scripts, also through a local alias of next/script, and never links or images', () => {
    const code = [
      "import NextScript from 'next/script'",
      'const ExternalScript = NextScript as unknown as React.ComponentType<{ src: string }>',
      'export const Widget = () => (',
      '  <div>',
      '    <ExternalScript src="https://widget.reviewly.io/platform.js" />',
      '    <a href="https://status.statusly.io">status</a>',
      '    <img src="https://cdn.imagely.io/logo.png" />',
      '  </div>',
      ')',
    ].join('\n')
    expect(found({ 'src/widget.tsx': code }, 'low')).toEqual(['reviewly.io outbound:medium@src/widget.tsx:5'])
  })

  it('reads rewrites to external hosts from next.config, vercel.json, netlify.toml and _redirects, not redirects', () => {
    const files = {
      'next.config.js': [
        'module.exports = {',
        '  async rewrites() { return [{ source: "/ingest/:path*", destination: "https://us.i.posthog.com/:path*" }] },',
        '  async redirects() { return [{ source: "/docs", destination: "https://docs.docsly.io", permanent: true }] },',
        // A route parameter in the destination's host is an unknown label (a redirect there stays a link).
        '  rewrites2: [{ source: "/az/:res/:path*", destination: "https://:res.openai.azure.com/:path*" }],',
        '  redirects2: [{ source: "/t/:team", destination: "https://:team.teamly.io", permanent: true }],',
        '}',
      ].join('\n'),
      'vercel.json': JSON.stringify(
        {
          rewrites: [
            { source: '/relay/(.*)', destination: 'https://in.metricly.dev/$1' },
            // Another deployment of the product on the same platform (multi-zones), not a third party.
            { source: '/tools/:path*', destination: 'https://tools-zone.vercel.app/tools/:path*' },
          ],
          redirects: [{ source: '/blog', destination: 'https://blog.bloggly.io' }],
        },
        null,
        2,
      ),
      'netlify.toml': [
        '[[redirects]]',
        'from = "/api/*"',
        'to = "https://api.backendly.io/:splat"',
        'status = 200',
        '',
        '[[redirects]]',
        'from = "/old"',
        'to = "https://www.oldsite.io"',
      ].join('\n'),
      'public/_redirects': '/track/*  https://t.trackly.io/:splat  200\n/chat  https://chatly.io  302\n',
    }
    const api = { 'src/api.ts': "export const x = () => fetch('https://partner-api.vercel.app/v1/x')\n" }
    expect(found({ ...files, ...api })).toEqual([
      'azure-openai outbound:high@next.config.js:4',
      'backendly.io outbound:medium@netlify.toml:3',
      'metricly.dev outbound:medium@vercel.json:5',
      'partner-api.vercel.app outbound:medium@src/api.ts:1',
      'posthog outbound:high@next.config.js:2',
      'trackly.io outbound:medium@public/_redirects:1',
    ])
  })

  it('takes a run-time URL read from a setting named after a vendor as a call to that vendor', () => {
    const code = [
      "import axios from 'axios'",
      'export async function byEmail(email: string) {',
      "  const config = { method: 'get', url: `${process.env['CROWD_ENRICHMENT_CLEARBIT_URL']}`, params: { email } }",
      '  return axios(config)',
      '}',
      'export const enrich = (path: string, data: unknown) =>',
      '  axios.post(`${process.env.CROWD_ENRICHMENT_CRUSTDATA_URL}${path}`, data)',
    ].join('\n')
    // The e-mail in the first call's params makes Clearbit a receiver of personal data too (a sink at the call).
    expect(found({ 'src/enrich.ts': code })).toEqual([
      'clearbit outbound:medium@src/enrich.ts:3 sink:high@src/enrich.ts:4',
      'crustdata outbound:medium@src/enrich.ts:7',
    ])
  })

  it('names no vendor from a setting with a fixed host, an everyday vendor word, two vendors or no address word', () => {
    const code = [
      "import axios from 'axios'",
      "const CLEARBIT_URL = 'https://enrich.example.org/v1'",
      'export const a = () => axios.get(CLEARBIT_URL)',
      'export const b = () => fetch(`${process.env.STREAM_URL}/events`)',
      'export const c = () => fetch(process.env.CLEARBIT_CRUSTDATA_URL!)',
      'export const d = () => fetch(process.env.CLEARBIT_API_KEY!)',
      'export const e = () => fetch(`${process.env.APP_URL}/api/users`)',
    ].join('\n')
    expect(found({ 'src/calls.ts': code })).toEqual([])
  })

  it('reads a request config with a URL and a method handed to any call, including a helper of the app', () => {
    const code = [
      "import request from './network'",
      'export const publish = (token: string, siteId: string, body: object) =>',
      "  request(token, { method: 'POST', url: `https://public-api.wordpress.com/rest/v1.2/sites/${siteId}/posts/new`, body })",
    ].join('\n')
    expect(found({ 'src/wordpress.ts': code })).toEqual(['wordpress.com outbound:medium@src/wordpress.ts:3'])
  })

  it('reads no call from a url key without a method, nor from a config that is not handed to a call', () => {
    const code = [
      "import { addLink } from './links'",
      "export const a = () => addLink({ title: 'Docs', url: 'https://docs.wordpress.com/guide' })",
      "export const config = { method: 'GET', url: 'https://api.weatherly.io/v1/today' }",
    ].join('\n')
    expect(found({ 'src/links.ts': code })).toEqual([])
  })

  it('notes broken routing files and reads nothing from them', () => {
    const facts = scanFile('vercel.json', '{ "rewrites": [', rules)
    expect(facts.findings).toEqual([])
    expect(facts.notes[0]!.message).toMatch(/^vercel.json is not valid JSON/)
    expect(scanFile('netlify.toml', '[[redirects]\nto = ', rules).notes[0]!.message).toMatch(
      /^netlify.toml could not be parsed/,
    )
  })
})

describe('vendor confidence rules (inventory aggregation)', () => {
  it('does not report a vendor named only by environment variables; the names corroborate other evidence, and a template is not cited next to code', () => {
    const env = {
      '.env.example': 'STRIPE_SECRET_KEY=\n',
      'src/config.ts': 'export const k = process.env.STRIPE_SECRET_KEY\n',
    }
    expect(found(env)).toEqual([])
    expect(found(env, 'low')).toEqual(['stripe env:low@.env.example:1 env:low@src/config.ts:1'])
    const withSdk = { ...env, 'src/pay.ts': "import Stripe from 'stripe'\nexport const s = new Stripe(k)\n" }
    expect(found(withSdk)).toEqual(['stripe env:medium@src/config.ts:1 import:high@src/pay.ts:1'])
  })

  it('keeps a known host in UI copy, a link key, an image setting or a schema id below the default', () => {
    const files = {
      'src/copy.ts': "export const tip = 'Book a call with us at https://cal.com/acme/intro any time'\n",
      'src/env.ts':
        "export const env = { NEXT_PUBLIC_CALL_LINK: z.string().default('https://cal.com/acme/intro') }\n",
      'next.config.js':
        "module.exports = { images: { remotePatterns: [{ protocol: 'https', hostname: 'bucket.s3.amazonaws.com' }] } }\n",
      'src/schema.ts': "export const schema = { $id: 'https://api.stripe.com/schemas/charge.json' }\n",
      'src/claims.ts':
        "const JWT_CLAIM_PATH = 'https://api.stripe.com/auth'\nexport const claim = JWT_CLAIM_PATH\n",
      'src/input.tsx':
        'export const I = () => <input placeholder="https://your-endpoint.openai.azure.com" />\n',
    }
    expect(found(files)).toEqual([])
    expect(found(files, 'low')).toEqual([
      'aws-s3 hostname:low@next.config.js:1',
      'azure-openai hostname:low@src/input.tsx:1',
      'cal-com hostname:low@src/copy.ts:1 hostname:low@src/env.ts:1',
      'stripe hostname:low@src/claims.ts:1 hostname:low@src/schema.ts:1',
    ])
  })

  it('reads a host list by what stores it: an image setting or a CSP directive, not a call', () => {
    const files = {
      'next.config.js': [
        "const REMOTE_PATTERNS = ['images.ctfassets.net', 'bucket.s3.amazonaws.com'].map((hostname) => ({ hostname }))",
        'module.exports = { images: { remotePatterns: REMOTE_PATTERNS } }',
      ].join('\n'),
      'server/csp.js': [
        'export function csp(directives) {',
        "  directives['script-src'].push('plausible.io')",
        "  directives['connect-src'] = ['api.mixpanel.com']",
        '}',
      ].join('\n'),
    }
    expect(found(files)).toEqual([])
    expect(found(files, 'low').map((v) => v.split(' ')[0])).toEqual([
      'aws-s3',
      'contentful',
      'mixpanel',
      'plausible',
    ])
    // A list of API hosts the code calls is stored under a name too: it stays a call.
    const apis = {
      'src/hosts.ts':
        "const API_HOSTS = ['api.stripe.com'].map((h) => `https://${h}`)\nexport const hosts = API_HOSTS\n",
      'src/push.ts':
        "export const targets: string[] = []\ntargets.push('https://api.stripe.com/v1/charges')\n",
    }
    expect(found(apis)).toEqual(['stripe hostname:high@src/hosts.ts:1 hostname:high@src/push.ts:2'])
  })

  it('reads browser-extension match patterns as pages visited and host permissions as permits, not calls', () => {
    const files = {
      'src/connectors.ts': [
        "export const connectors = [{ label: 'Jam', matches: ['*://api.mixpanel.com/track*', 'https://app.posthog.com/*'] }]",
        "export const others = ['*://api.stripe.com/*']",
      ].join('\n'),
      'src/manifest.ts': "export const manifest = { host_permissions: ['https://api.segment.io/*'] }\n",
    }
    expect(found(files)).toEqual([])
    expect(found(files, 'low').map((v) => v.split(' ')[0])).toEqual([
      'mixpanel',
      'posthog',
      'segment',
      'stripe',
    ])
    // The same hosts in a request stay calls.
    const calls = {
      'src/send.ts':
        "export const send = () => fetch('https://api.stripe.com/v1/charges', { method: 'POST' })\n",
    }
    expect(found(calls)).toEqual(['stripe outbound:high@src/send.ts:1'])
  })

  it('keeps identifier-system URLs and bare image-file URLs below the default; a pixel with a query still counts', () => {
    const files = {
      'src/fhir.ts': [
        "export const ACCOUNT_PAYMENT_PROVIDER_ID_SYSTEM_STRIPE = 'https://api.stripe.com/v1/customers'",
        "export const ident = { system: 'https://api.stripe.com/v1/accounts', value: '42' }",
      ].join('\n'),
      'src/mock.ts':
        "export const photo = { url: 'https://open-data.s3.amazonaws.com/photos/1/square.jpg' }\n",
    }
    expect(found(files)).toEqual([])
    expect(found(files, 'low').map((v) => v.split(' ')[0])).toEqual(['aws-s3', 'stripe'])
    const calls = {
      'src/pay.ts': "export const PAYMENT_SYSTEM_URL = 'https://api.stripe.com/v1'\n",
      'src/pixel.ts': "export const PIXEL = 'https://www.google-analytics.com/__utm.gif?utmac=UA-1'\n",
    }
    expect(found(calls).map((v) => v.split(' ')[0])).toEqual(['google-analytics', 'stripe'])
  })

  it('keeps a vendor host that serves a media or document file below the default; an API URL there still counts', () => {
    const tracks = [
      'export const tracks = [',
      "  { title: 'Intro', url: 'https://storage.googleapis.com/acme-public/audio/intro.mp3' },",
      "  { title: 'Guide', url: 'https://storage.googleapis.com/acme-public/docs/guide.pdf?v=2' },",
      ']',
    ].join('\n')
    expect(found({ 'src/tracks.ts': tracks })).toEqual([])
    expect(found({ 'src/tracks.ts': tracks }, 'low')).toEqual([
      'google-cloud-storage hostname:low@src/tracks.ts:2 hostname:low@src/tracks.ts:3',
    ])
    const upload = "export const UPLOAD = 'https://storage.googleapis.com/upload/storage/v1/b/acme/o'\n"
    expect(found({ 'src/upload.ts': upload })).toEqual(['google-cloud-storage hostname:high@src/upload.ts:1'])
  })

  it('still counts a tracking pixel; a Content-Security-Policy entry stays low beside an integration found otherwise', () => {
    const files = {
      'src/csp.ts': 'export const csp = "default-src \'self\'; connect-src https://api.stripe.com"\n',
      'app/entry.server.tsx':
        "export const policy = { scriptSrc: ['self', 'https://www.google-analytics.com', 'https://api.stripe.com'] }\n",
      'src/pixel.tsx': 'export const P = () => <img src="https://www.facebook.com/tr?id=1&ev=PageView" />\n',
    }
    expect(found(files).map((l) => l.split(' ')[0])).toEqual(['meta-pixel'])
    const pay = "export const pay = () => fetch('https://api.stripe.com/v1/charges', { method: 'POST' })\n"
    expect(found({ ...files, 'src/pay.ts': pay })).toContain('stripe outbound:high@src/pay.ts:1')
    expect(found({ ...files, 'src/pay.ts': pay }, 'low')).toContain(
      'stripe hostname:low@app/entry.server.tsx:1 hostname:low@src/csp.ts:1 outbound:high@src/pay.ts:1',
    )
  })

  it('reports no vendor for a model name or a vendor-like path segment on another host', () => {
    const code = [
      "export const model = 'gpt-4o'",
      "export const other = 'claude-3-5-sonnet-latest'",
      "export const groq = () => fetch('https://api.llm-host.dev/openai/v1/chat/completions', { method: 'POST' })",
    ].join('\n')
    expect(found({ 'src/models.ts': code }, 'low')).toEqual(['llm-host.dev outbound:medium@src/models.ts:3'])
  })

  it('reads a URL kept in a field of the class that calls it (initializer or constructor)', () => {
    const layer = [
      'export class OverpassLayer {',
      "  private api: string = (import.meta.env.OVERPASS ? import.meta.env.OVERPASS : 'https://overpass.mapquery.dev') + '/api/interpreter'",
      '  private readonly tiles: string',
      "  private docs = 'https://docs.tilehub.dev/guide'",
      "  constructor() { this.tiles = 'https://tiles.tilehub.dev/v1' }",
      '  load(q: string) { return fetch(`${this.api}?data=${q}`) }',
      '  tile(z: number) { return fetch(`${this.tiles}/${z}.pbf`) }',
      '  help() { window.open(this.docs) }',
      '}',
    ].join('\n')
    expect(found({ 'src/lib/vendor/layers/overpass.ts': layer })).toEqual([
      'mapquery.dev outbound:medium@src/lib/vendor/layers/overpass.ts:6',
      'tilehub.dev outbound:medium@src/lib/vendor/layers/overpass.ts:7',
    ])
  })

  it('reports a host passed as a property of the options a request helper builds its URL from', () => {
    const helper = [
      "import axios from 'axios'",
      'const apiGeneral = async ({ method, domain, url }: { method: string; domain: string; url: string }) =>',
      '  axios({ method, baseURL: `https://${proxied ? PROXY : domain}`, url })',
      'export default apiGeneral',
    ].join('\n')
    const callers = [
      "import apiGeneral from './general'",
      "export const me = () => apiGeneral({ method: 'get', domain: 'books.shelfly.social', url: 'api/me' })",
      // Another property of the same options is not where the request goes.
      "export const other = () => apiGeneral({ method: 'get', domain: 'books.shelfly.social', url: 'notes.linkly.dev' })",
    ].join('\n')
    // A helper that only builds a cookie's domain from the same key requests nothing.
    const cookie = [
      'export function setPref({ domain }: { domain: string }) { document.cookie = `pref=1; domain=${domain}` }',
      "export const x = () => setPref({ domain: 'app.cookiely.dev' })",
    ].join('\n')
    expect(found({ 'src/general.ts': helper, 'src/neodb.ts': callers, 'src/pref.ts': cookie })).toEqual([
      'shelfly.social outbound:medium@src/neodb.ts:2 outbound:medium@src/neodb.ts:3',
    ])
  })

  it("reads Deno's npm: / jsr: specifiers and package CDN URLs as the packages they name", () => {
    const fn = [
      "import Stripe from 'npm:stripe@14.21.0'",
      "import { createClient } from 'https://esm.sh/@supabase/supabase-js@2.39.3?target=deno'",
      "import { serve } from 'https://deno.land/std@0.168.0/http/server.ts'",
      "import * as Sentry from 'https://cdn.jsdelivr.net/npm/@sentry/browser@8/+esm'",
      "export const copy = 'Install with npm:stripe or https://esm.sh/posthog-js'",
    ].join('\n')
    expect(found({ 'supabase/functions/pay/index.ts': fn })).toEqual([
      'sentry import:high@supabase/functions/pay/index.ts:4',
      'stripe import:high@supabase/functions/pay/index.ts:1',
      'supabase import:high@supabase/functions/pay/index.ts:2',
    ])
  })

  it('reports what Electron requests, updates from and loads, not what it opens in the browser', () => {
    const main = [
      "import { app, BrowserWindow, net, shell, autoUpdater } from 'electron'",
      'autoUpdater.setFeedURL({ url: `https://updates.shipyard-releases.io/app/${process.platform}` })',
      "export const ping = () => net.fetch('https://api.crashly.dev/v1/ping', { method: 'POST' })",
      'app.whenReady().then(() => {',
      '  const win = new BrowserWindow({ width: 800 })',
      "  win.loadURL(process.env.DEV_URL ?? 'https://app.notely.dev')",
      "  shell.openExternal('https://docs.helpcenter.dev')",
      '})',
    ].join('\n')
    expect(found({ 'electron/main.ts': main })).toEqual([
      'crashly.dev outbound:medium@electron/main.ts:3',
      'notely.dev outbound:medium@electron/main.ts:6',
      'shipyard-releases.io outbound:medium@electron/main.ts:2',
    ])
  })

  it('follows a base URL imported from another file through locals and fallbacks to the call', () => {
    const constants = [
      "export const MOON_BASE_URL = 'https://api.moonchat.dev'",
      "export const DOCS_URL = 'https://docs.moonchat.dev'",
    ].join('\n')
    const proxy = [
      "import { MOON_BASE_URL, DOCS_URL } from '../constant'",
      'export async function request(path: string, body: string, custom?: string) {',
      '  let baseUrl = custom || MOON_BASE_URL',
      '  if (!baseUrl.startsWith("http")) baseUrl = `https://${baseUrl}`',
      '  const fetchUrl = `${baseUrl}${path}`',
      '  return fetch(fetchUrl, { method: "POST", body })',
      '}',
      'export const help = () => `${DOCS_URL}/start`',
    ].join('\n')
    expect(found({ 'app/constant.ts': constants, 'app/api/moon.ts': proxy })).toEqual([
      'moonchat.dev outbound:medium@app/api/moon.ts:6',
    ])
    // The constant alone, never sent anywhere, is not a processor.
    expect(found({ 'app/constant.ts': constants })).toEqual([])
  })

  it('carries an imported base URL through a wrapper method that requests a property of its options', () => {
    const constants = [
      "export const TRACKER_API_BASE_URL = 'https://api.tracker-hub.dev/'",
      "export const TRACKER_DOCS_URL = 'https://docs.tracker-hub.dev/'",
    ].join('\n')
    const service = [
      "import { HttpClient, HttpRequest } from '@angular/common/http'",
      "import { inject } from '@angular/core'",
      "import { TRACKER_API_BASE_URL, TRACKER_DOCS_URL } from './tracker.const'",
      'const BASE = TRACKER_API_BASE_URL',
      'export class TrackerApi {',
      '  private _http = inject(HttpClient)',
      '  getIssue(id: string) { return this._send({ url: `${BASE}issues/${id}` }) }',
      // Another option of the same call is no URL the wrapper requests.
      '  help() { return this._send({ url: `${BASE}x`, title: TRACKER_DOCS_URL }) }',
      // A method that only logs its options requests nothing.
      '  note() { return this._log({ url: TRACKER_DOCS_URL }) }',
      '  private _log(params: { url: string }) { console.log(params.url) }',
      '  private _send(params: { url: string; method?: string }) {',
      "    const p = { ...params, method: params.method || 'GET' }",
      '    return this._http.request(new HttpRequest(p.method, p.url))',
      '  }',
      '}',
    ].join('\n')
    expect(found({ 'src/tracker.const.ts': constants, 'src/tracker-api.service.ts': service })).toEqual([
      'tracker-hub.dev outbound:medium@src/tracker-api.service.ts:7 outbound:medium@src/tracker-api.service.ts:8',
    ])
  })

  it('reads the URL a local arrow function returns', () => {
    const code = [
      'export async function handle(id: string, body: string) {',
      '  const storeUrl = () => `https://api.kv-store.dev/v4/ns/${id}`',
      '  const docsUrl = () => `https://docs.kv-store-help.dev/${id}`',
      '  console.log(docsUrl())',
      '  return fetch(`${storeUrl()}/bulk`, { method: "PUT", body })',
      '}',
    ].join('\n')
    expect(found({ 'src/kv.ts': code })).toEqual(['kv-store.dev outbound:medium@src/kv.ts:5'])
  })

  it('follows an imported base URL through what a method of the class returns, its locals read in its body', () => {
    const constants = [
      "export const LAB_BASE_URL = 'https://code-lab.dev/'",
      'export const LAB_API_BASE_URL = `${LAB_BASE_URL}api/v4`',
      "export const LAB_HELP_URL = 'https://help.code-lab-docs.dev/'",
    ].join('\n')
    const service = [
      "import { HttpClient } from '@angular/common/http'",
      "import { LAB_API_BASE_URL, LAB_HELP_URL } from './lab.const'",
      'export class LabApi {',
      '  constructor(private http: HttpClient) {}',
      '  issues(cfg: { base?: string }) { return this.http.get(`${this.apiLink(cfg)}/issues`) }',
      '  help() { return `${this.helpLink()}/start` }',
      '  private apiLink(cfg: { base?: string }): string {',
      "    let url = ''",
      '    if (cfg.base) url = cfg.base',
      "    else url = LAB_API_BASE_URL + '/'",
      '    return url',
      '  }',
      '  private helpLink(): string { const u = LAB_HELP_URL; return u }',
      '}',
    ].join('\n')
    expect(found({ 'src/lab.const.ts': constants, 'src/lab-api.service.ts': service })).toEqual([
      'code-lab.dev outbound:medium@src/lab-api.service.ts:5',
    ])
  })

  it('reads the host of new URL(path, base) and of an enum member exported by another module', () => {
    const constants = [
      "export const FEED_BASE = 'https://api.feedhub.dev'",
      "export enum Hosts { Search = 'https://search.findly.dev', Docs = 'https://docs.findly-help.dev' }",
    ].join('\n')
    const client = [
      "import { FEED_BASE, Hosts } from './hosts'",
      "export const feed = () => fetch(new URL('/v1/feed', FEED_BASE))",
      'export const search = (q: string) => fetch(`${Hosts.Search}/q?${q}`)',
      "export const docs = () => new URL('/start', Hosts.Docs).toString()",
    ].join('\n')
    expect(found({ 'src/hosts.ts': constants, 'src/client.ts': client })).toEqual([
      'feedhub.dev outbound:medium@src/client.ts:2',
      'findly.dev outbound:medium@src/client.ts:3',
    ])
  })
})

describe('a URL held aside for the link step', () => {
  const style = [
    'function xyzStyle(url: string, attribution: string) {',
    "  return { version: 8, sources: { base: { type: 'raster', attribution } }, url }",
    '}',
  ].join('\n')

  it("keeps a known vendor's host on the line when the local function sends no request to it", () => {
    const code = `${style}\nexport const osm = () => xyzStyle('https://tile.openstreetmap.org/{z}/{x}/{y}.png', 'OSM')\n`
    expect(found({ 'src/map.ts': code }, 'low').map((v) => v.split(' ')[0])).toEqual(['openstreetmap'])
  })

  it('reports no unknown host passed to a local function that sends no request', () => {
    const code = `${style}\nexport const own = () => xyzStyle('https://tiles.example-maps.dev/{z}/{x}/{y}.png', 'ours')\n`
    expect(found({ 'src/map.ts': code }, 'low')).toEqual([])
  })
})

describe("a vendor's API path on a host set at run time", () => {
  it('names Azure OpenAI by its deployments path and Jira by its REST paths, the endpoint read from settings', () => {
    // chatbot-ui: an OpenAI client pointed at the Azure resource a user's profile names.
    const chat = [
      "import OpenAI from 'openai'",
      'export function azureClient(profile: { azure_openai_endpoint: string; azure_openai_api_key: string }, id: string) {',
      '  return new OpenAI({',
      '    apiKey: profile.azure_openai_api_key,',
      '    baseURL: `${profile.azure_openai_endpoint}/openai/deployments/${id}`,',
      "    defaultQuery: { 'api-version': '2024-06-01' },",
      '  })',
      '}',
    ].join('\n')
    // 5ire: a relative path joined to the configured base by a helper.
    const service = [
      "import urlJoin from 'url-join'",
      'export class AzureChatService {',
      '  constructor(private provider: { apiBase: string; apiVersion: string }) {}',
      '  url(deploymentId: string) {',
      '    return urlJoin(`/openai/deployments/${deploymentId}/chat/completions?api-version=${this.provider.apiVersion}`, this.provider.apiBase)',
      '  }',
      '}',
    ].join('\n')
    // worklenz and super-productivity: the user's own Jira site, its REST API version in a constant.
    const jira = [
      "import axios from 'axios'",
      "const API_VERSION = 'latest'",
      'export const me = (baseUrl: string, headers: Record<string, string>) => axios.get(`${baseUrl}/rest/api/3/myself`, { headers })',
      'export const base = (cfg: { host: string }) => `${cfg.host}/rest/api/${API_VERSION}`',
    ].join('\n')
    expect(
      found({ 'app/api/chat/azure/route.ts': chat, 'src/services/azure.ts': service, 'src/jira.ts': jira }),
    ).toEqual([
      'atlassian outbound:medium@src/jira.ts:3 outbound:medium@src/jira.ts:4',
      'azure-openai outbound:medium@app/api/chat/azure/route.ts:5 outbound:medium@src/services/azure.ts:5',
      'openai import:high@app/api/chat/azure/route.ts:1',
    ])
  })

  it('leaves paths other services serve too, the app’s own routes and URLs with a written host to their hosts', () => {
    const code = [
      'export const groq = (base: string) => fetch(`${base}/openai/v1/chat/completions`, { method: "POST" })',
      'export const own = (base: string) => fetch(`${base}/api/rest/v2/users`)',
      "export const route = '/api/openai/deployments'",
      "export const onPrem = () => fetch('https://tracker.example-corp.org/rest/api/2/issue')",
    ].join('\n')
    expect(found({ 'src/clients.ts': code })).toEqual(['example-corp.org outbound:medium@src/clients.ts:4'])
  })
})

describe('pages named as a developer’s try-out', () => {
  it('lowers what a demo.html or test.html page loads, and keeps the same script on the app’s index.html', () => {
    const page =
      '<html><head><script src="https://cdn.example-widgets.net/widget.js"></script></head></html>\n'
    expect(found({ 'static/glyphs/demo.html': page, 'public/test.html': page })).toEqual([])
    expect(found({ 'static/glyphs/demo.html': page, 'public/test.html': page }, 'low')).toHaveLength(1)
    expect(found({ 'public/index.html': page })).toEqual([
      'example-widgets.net outbound:medium@public/index.html:1',
    ])
  })
})

describe('embedded pages and image beacons', () => {
  it('reports the host of an <iframe src> in JSX, built at run time or not, and skips a relative or configured one', () => {
    const code = [
      'export const Player = ({ id, kind, url, base }: { id: string; kind: string; url: string; base: string }) => (',
      '  <div>',
      '    <iframe src={`https://player.example-stream.tv/?${kind}=${id}&autoplay=false`} />',
      '    <iframe src={`https://w.example-sounds.com/player/?url=${encodeURIComponent(url)}`} />',
      '    <iframe src="https://www.youtube-nocookie.com/embed/abc" />',
      '    <iframe src={`/preview/${id}`} />',
      '    <iframe src={`${base}/embed/${id}`} />',
      '    <img src={`https://cdn.example-images.com/${id}`} />',
      '  </div>',
      ')',
    ].join('\n')
    expect(found({ 'src/Player.tsx': code })).toEqual([
      'example-sounds.com outbound:medium@src/Player.tsx:4',
      'example-stream.tv outbound:medium@src/Player.tsx:3',
      'youtube outbound:high@src/Player.tsx:5',
    ])
  })

  it('reports the host of an <iframe src> in a component template, not of an iframe link or text', () => {
    const vue = [
      '<template>',
      '  <iframe :src="`https://player.example-stream.tv/?channel=${channel}`" />',
      '  <iframe title="see https://www.example-docs.org/help" src="/local" />',
      '  <p>Watch on https://www.example-video.net/live</p>',
      '</template>',
    ].join('\n')
    const svelte =
      '<iframe src="https://embed.example-pods.fm/{episode}?theme=dark" title="Episode"></iframe>\n'
    expect(found({ 'src/Live.vue': vue, 'src/Episode.svelte': svelte })).toEqual([
      'example-pods.fm outbound:medium@src/Episode.svelte:1',
      'example-stream.tv outbound:medium@src/Live.vue:2',
    ])
  })

  it('reports the host of an image beacon the code creates, not an image file preloaded', () => {
    const code = [
      'export function ping() {',
      '  const img = new Image()',
      '  img.src = `https://telemetry.example-maker.com/ping?domain=${window.location.hostname}`',
      '  const logo = new Image()',
      "  logo.src = 'https://cdn.example-assets.com/logo.png'",
      "  const pixel = document.createElement('img')",
      "  pixel.src = 'https://px.example-ads.net/p?e=view'",
      '  const other = { src: "" }',
      "  other.src = 'https://api.example-other.io/x'",
      '}',
    ].join('\n')
    expect(found({ 'src/ping.ts': code })).toEqual([
      'example-ads.net outbound:medium@src/ping.ts:7',
      'example-maker.com outbound:medium@src/ping.ts:3',
    ])
  })
})

describe('servers named through a keyed map, a fetch parameter and a client constructor', () => {
  it('reads every URL of a map looked up by a key known at run time, called by a parameter typed as fetch', () => {
    const code = [
      "const instanceUrls = { optimism: 'https://optimism.examplescout.com', metis: 'https://explorer.examplemetis.io' }",
      "const labels = { optimism: 'Optimism', metis: 'Metis' }",
      "export async function tvl(network: 'optimism' | 'metis', f: typeof fetch, g: (u: string) => Promise<Response>) {",
      '  await g(`https://api.example-untyped.io/v1/${network}`)',
      '  await fetch(`https://api.example-labels.io/${labels[network]}`)',
      '  return f(`${instanceUrls[network]}/api/v2/balances?apikey=${process.env.KEY}`)',
      '}',
      'export const direct = (f: typeof fetch) => f("https://api.example-ether.io/v2/api?module=account")',
    ].join('\n')
    expect(found({ 'src/tvl.ts': code })).toEqual([
      'example-ether.io outbound:medium@src/tvl.ts:8',
      'example-labels.io outbound:medium@src/tvl.ts:5',
      'examplemetis.io outbound:medium@src/tvl.ts:6',
      'examplescout.com outbound:medium@src/tvl.ts:6',
    ])
  })

  it('reports the server a package client is constructed with, not a key or an options object', () => {
    const code = [
      "import * as Sdk from '@example/ledger-sdk'",
      "import { Provider } from '@example/rpc'",
      "const HORIZON_URL = 'https://horizon.example-ledger.org'",
      'export const server = new Sdk.Horizon.Server(HORIZON_URL)',
      "export const rpc = new Provider('wss://rpc.example-chain.net/ws')",
      "export const keyed = new Provider('pk_live_123')",
      "export const local = new URL('https://www.example-docs.org/page')",
    ].join('\n')
    expect(found({ 'src/ledger.ts': code })).toEqual([
      'example-chain.net outbound:medium@src/ledger.ts:5',
      'example-ledger.org outbound:medium@src/ledger.ts:4',
    ])
  })
})

describe("the app's own OAuth routes", () => {
  it('names the sign-in provider of a relative OAuth route, not of another path or an unknown id', () => {
    const code = [
      'export const link = (params: string) => fetch(`/api/auth/oauth/discord/link${params}`)',
      "export const redeem = () => fetch('/api/auth/oauth/github/redeem-login', { method: 'POST' })",
      "export const other = () => fetch('/api/discord/servers')",
      "export const unknown = () => fetch('/api/auth/oauth/acme-idp/start')",
    ].join('\n')
    expect(found({ 'src/auth.ts': code }).map((v) => v.split(' ')[0])).toEqual([
      'discord-sign-in',
      'github-oauth',
    ])
  })
})

describe('URLs carrying an API key', () => {
  it('reports the host of a URL whose query carries an API key, not of a link without one', () => {
    const code = [
      'export const tvl = (f: (u: string) => Promise<Response>, key: string) =>',
      '  f(`https://api.example-ether.io/v2/api?module=account&apikey=${key}`)',
      "export const docs = 'https://docs.example-help.io/guide?page=2'",
      'export const open = (id: string) => `https://app.example-board.io/b/${id}?view=list`',
    ].join('\n')
    expect(found({ 'src/tvl.ts': code })).toEqual(['example-ether.io outbound:medium@src/tvl.ts:2'])
  })
})
