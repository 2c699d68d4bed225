import { describe, expect, it } from 'vitest'
import type { Confidence } from '../../src/model/types.js'
import { loadRules } from '../../src/rules/load.js'
import { buildInventory } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules()

/** Each vendor's evidence at `min` confidence, as `vendor confidence@path:line`, with the reasons given. */
function vendors(
  files: Record<string, string>,
  min: Confidence = 'medium',
): { found: string[]; reasons: string[] } {
  const facts = Object.entries(files).map(([path, code]) => scanFile(path, code, rules))
  const { inventory } = buildInventory(facts, rules, { minConfidence: min })
  const items = [...inventory.analytics, ...inventory.processors]
  return {
    found: items.map(
      (v) => `${v.vendor} ${v.evidence.map((e) => `${e.confidence}@${e.path}:${e.line}`).join(' ')}`,
    ),
    reasons: items.flatMap((v) => v.evidence.map((e) => e.reason ?? '')),
  }
}

const UTILS = [
  'export const openUrl = (url) => window.open(url)',
  'export const getUserCountry = async () => {',
  "  const res = await fetch('https://api.stripe.com/v1/country')",
  '  return res.json()',
  '}',
].join('\n')

describe('reachability: vendor evidence no user path reaches', () => {
  it('lowers an exported helper no module imports, saying why; an imported module keeps its used helpers', () => {
    const files = {
      'src/constant/Utils.js': UTILS,
      'src/App.jsx': "import { openUrl } from './constant/Utils'\nexport default () => openUrl('/')\n",
    }
    expect(vendors(files).found).toEqual([])
    const low = vendors(files, 'low')
    expect(low.found).toEqual(['stripe low@src/constant/Utils.js:3'])
    expect(low.reasons[0]).toContain(
      'in getUserCountry, which Utils.js exports but no module of the repository imports',
    )
  })

  it('keeps the helper when something imports it by name, imports the module whole, or the file calls it', () => {
    const byName = "import { getUserCountry } from './constant/Utils'\nexport const c = getUserCountry()\n"
    const whole = "import * as U from './constant/Utils'\nexport const c = U.getUserCountry()\n"
    const required = "const U = require('./constant/Utils')\nmodule.exports = U.getUserCountry\n"
    for (const app of [byName, whole, required])
      expect(vendors({ 'src/constant/Utils.js': UTILS, 'src/App.js': app }).found).toEqual([
        'stripe high@src/constant/Utils.js:3',
      ])
    const called = `${UTILS}\nexport const country = () => getUserCountry()\n`
    const app = "import { openUrl } from './constant/Utils'\nexport default openUrl\n"
    expect(vendors({ 'src/constant/Utils.js': called, 'src/App.js': app }).found).toEqual([
      'stripe high@src/constant/Utils.js:3',
    ])
  })

  it('counts a name re-exported by a barrel only when a module imports it in turn', () => {
    const barrel = "export { openUrl, getUserCountry as country } from './Utils'\n"
    const files = (app: string): Record<string, string> => ({
      'src/constant/Utils.js': UTILS,
      'src/constant/index.js': barrel,
      'src/App.js': app,
    })
    const unused = "import { openUrl } from './constant'\nexport default () => openUrl('/')\n"
    expect(vendors(files(unused)).found).toEqual([])
    const used = "import { country } from './constant'\nexport const c = country()\n"
    const whole = "import * as C from './constant'\nexport const c = C.country()\n"
    for (const app of [used, whole])
      expect(vendors(files(app)).found).toEqual(['stripe high@src/constant/Utils.js:3'])
    // A provider whose only export nobody imports: the module-level endpoint beside its class is not called either.
    const slack = [
      "const tokenEndpoint = 'https://slack.com/api/openid.connect.token'",
      'export class Slack {',
      "  token = () => fetch(tokenEndpoint, { method: 'POST' })",
      '}',
    ].join('\n')
    const providers = {
      'src/oauth/slack.ts': slack,
      'src/oauth/index.ts': "export { Slack } from './slack'\nexport { openUrl } from '../constant/Utils'\n",
      'src/constant/Utils.js': UTILS,
    }
    const app = "import { openUrl } from './oauth'\nexport default () => openUrl('/')\n"
    expect(vendors({ ...providers, 'src/App.js': app }).found).toEqual([])
    expect(vendors({ ...providers, 'src/App.js': app }, 'low').reasons).toContain(
      'sends to slack.com; in slack.ts, whose exports (Slack) no module of the repository imports',
    )
    const uses = "import { Slack } from './oauth'\nexport const s = new Slack()\n"
    expect(vendors({ ...providers, 'src/App.js': uses }).found).toEqual([
      'slack high@src/oauth/slack.ts:1 high@src/oauth/slack.ts:3',
    ])
    // A barrel nothing imports may be a published entry: its re-exports stay used.
    expect(vendors({ 'src/constant/Utils.js': UTILS, 'src/constant/index.js': barrel }).found).toEqual([
      'stripe high@src/constant/Utils.js:3',
    ])
  })

  it('keeps a value the module computes by a call when it loads (a side-effect import runs it)', () => {
    const definition = [
      "import { defineProvider } from '../registry'",
      'function createProvider(apiHost) {',
      '  return defineProvider({ send: (body) => fetch(apiHost, { method: "POST", body }) })',
      '}',
      "export const stripeProvider = createProvider('https://api.stripe.com/v1')",
      "export const stripeHelper = () => fetch('https://api.stripe.com/v1/helper')",
    ].join('\n')
    const files = {
      'src/providers/definitions/stripe.js': definition,
      'src/providers/registry.js': 'export const defineProvider = (p) => p\n',
      'src/providers/index.js':
        "import './definitions/stripe'\nimport { defineProvider } from './registry'\nexport default defineProvider\n",
    }
    const low = vendors(files, 'low').found
    expect(low).toHaveLength(1)
    expect(low[0]).toMatch(/^stripe /)
    expect(low[0]).toContain('high@src/providers/definitions/stripe.js:5')
    expect(low[0]).toContain('low@src/providers/definitions/stripe.js:6')
    // A module nothing imports runs none of its load-time calls: still lowered as a whole.
    const unused =
      "import { tool } from 'ai'\nexport const searchTool = tool({ execute: (q) => fetch('https://api.openai.com/v1/search?q=' + q) })\n"
    const withUnused = vendors({ ...files, 'src/providers/definitions/search.js': unused }, 'low').found
    // Its environment variable, named in .env.example too, corroborates nothing once its only reader is lowered.
    const reader =
      "export const searchTool = tool({ execute: (q) => fetch('https://api.openai.com/v1/search', { headers: { key: process.env.OPENAI_API_KEY } }) })\n"
    const envFiles = {
      ...files,
      'src/providers/definitions/search.js': reader,
      '.env.example': 'OPENAI_API_KEY=\n',
    }
    expect(vendors(envFiles).found.filter((v) => v.startsWith('openai '))).toEqual([])
    expect(withUnused.find((v) => v.startsWith('openai '))).toBe(
      'openai low@src/providers/definitions/search.js:2',
    )
  })

  it('lowers a whole module nothing imports while a running module imports others of its folder', () => {
    const provider = [
      "import Stripe from 'stripe'",
      'export default async function sendWithProvider(body) {',
      "  return fetch('https://api.stripe.com/v1/charges', { method: 'POST', body })",
      '}',
    ].join('\n')
    const files = {
      'server/index.js': "import send from './cloud/parsefunction/sendMail.js'\nsend()\n",
      'server/cloud/parsefunction/sendMail.js': "export default async function send() { return 'ok' }\n",
      'server/cloud/parsefunction/sendWithProvider.js': provider,
    }
    expect(vendors(files).found).toEqual([])
    const low = vendors(files, 'low')
    expect(low.found).toEqual([
      'stripe low@server/cloud/parsefunction/sendWithProvider.js:1 low@server/cloud/parsefunction/sendWithProvider.js:3',
    ])
    expect(low.reasons.every((r) => r.includes('which no module of the repository imports'))).toBe(true)
  })

  it("keeps a module of a Nuxt app's auto-imported folders, which its code uses with no import", () => {
    const registry = [
      "const REGISTRY = 'https://registry.pkg-index.io'",
      'export const fetchMeta = (name: string) => $fetch(`${REGISTRY}/${name}`)',
    ].join('\n')
    const files = {
      'nuxt.config.ts': 'export default defineNuxtConfig({})\n',
      'server/index.ts':
        "import { other } from './utils/other'\nexport default defineEventHandler(() => fetchMeta(other()))\n",
      'server/utils/other.ts': "export const other = () => 'x'\n",
      'server/utils/registry.ts': registry,
    }
    expect(vendors(files).found).toEqual(['pkg-index.io medium@server/utils/registry.ts:2'])
  })

  it('lowers a nested folder module nothing imports while running modules import others of the folder around it', () => {
    const client =
      "import Stripe from 'stripe'\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY)\n"
    const files = {
      'src/app/page.tsx':
        "import { auth } from '@/lib/auth'\nexport default function Page() { return auth() }\n",
      'src/lib/auth.ts': 'export const auth = () => 1\n',
      'src/lib/stripe/index.ts': client,
    }
    expect(vendors(files).found).toEqual([])
    // Imported as its folder, or at the top of the source tree, it is used or an entry.
    const used = {
      ...files,
      'src/app/page.tsx':
        "import { stripe } from '@/lib/stripe'\nexport default function Page() { return stripe }\n",
    }
    expect(vendors(used).found[0]).toMatch(/^stripe high@src\/lib\/stripe\/index\.ts:1/)
    const top = {
      'src/main.ts': "import { auth } from './auth'\nauth()\n",
      'src/auth.ts': 'export const auth = () => 1\n',
      'src/index.ts': client,
    }
    expect(vendors(top).found[0]).toMatch(/^stripe high@src\/index\.ts:1/)
  })

  it('lowers an unimported component whose default export is a separate `export default Name` statement', () => {
    const page = (name: string) =>
      [
        `const ${name} = () => {`,
        '  const s = document.createElement("script")',
        "  s.src = 'https://www.google.com/recaptcha/api.js'",
        '  document.body.appendChild(s)',
        '  return null',
        '}',
        `export default ${name}`,
      ].join('\n')
    const files = {
      'src/main.tsx': "import SignupPanel from './components/SignupPanel'\nrender(SignupPanel)\n",
      'src/components/SignupPanel.tsx': 'const SignupPanel = () => null\nexport default SignupPanel\n',
      'src/components/signup-panel.tsx': page('OldSignupPanel'),
    }
    expect(vendors(files).found).toEqual([])
    const lowered = vendors(files, 'low').reasons
    expect(lowered.length).toBeGreaterThan(0)
    expect(lowered.every((r) => r.includes('which no module of the repository imports'))).toBe(true)
    // The same component imported by the running app keeps its evidence.
    const used = {
      ...files,
      'src/main.tsx': "import SignupPage from './components/signup-panel'\nrender(SignupPage)\n",
    }
    expect(vendors(used).found).toEqual(['recaptcha high@src/components/signup-panel.tsx:3'])
  })

  it('keeps an unimported module that is an entry by place or name, or whose folder nothing running imports', () => {
    const handler = "export async function POST() { return fetch('https://api.stripe.com/v1/charges') }\n"
    const used = 'export const helper = () => 1\n'
    // A route handler the framework loads by its place.
    const routed = {
      'app/api/pay/route.ts': "import { helper } from '../helper'\nexport const x = helper\n",
      'app/api/helper.ts': used,
      'app/api/charge.ts': handler,
    }
    expect(vendors(routed).found).toEqual(['stripe high@app/api/charge.ts:1'])
    // Only the module itself imports its neighbour: it is a script or an entry of its own.
    const alone = {
      'src/jobs-helper.ts': used,
      'src/charge.ts': `import { helper } from './jobs-helper'\n${handler}`,
    }
    expect(vendors(alone).found).toEqual(['stripe high@src/charge.ts:2'])
  })
})

describe('reachability of exported values', () => {
  it('lowers mock data nothing imports in a folder the app imports from; a component prop is not an export', () => {
    const files = {
      'src/store/index.ts': "import { load } from './api'\nexport const store = load\n",
      'src/store/api.ts': 'export const load = () => 1\n',
      'src/store/mock-data.ts':
        "export const rows = [{ settings: { baseUrl: 'https://api.stripe.com/v1' } }]\n",
    }
    expect(vendors(files).found).toEqual([])
    const svelte = {
      'src/App.svelte': "<script>import Pay from './Pay.svelte'</script><Pay />",
      'src/Pay.svelte': "<script>export let endpoint = 'https://api.stripe.com/v1/charges'</script>",
    }
    expect(vendors(svelte).found).toEqual(['stripe high@src/Pay.svelte:1'])
  })
})

describe('reachability through aliases the index does not know', () => {
  it('keeps a module a specifier may name that resolves to no file ($lib of a generated config)', () => {
    const files = {
      'src/lib/server/index.ts': "import { load } from './api'\nexport const x = load\n",
      'src/lib/server/api.ts': 'export const load = () => 1\n',
      'src/lib/server/discord.ts':
        "export default async function send() { return fetch('https://api.stripe.com/v1/charges') }\n",
      'src/lib/server/queue.ts': "import send from '$lib/server/discord.js'\nexport const q = send\n",
    }
    expect(vendors(files).found).toEqual(['stripe high@src/lib/server/discord.ts:1'])
    delete (files as Record<string, string>)['src/lib/server/queue.ts']
    expect(vendors(files).found).toEqual([])
  })
})

describe('dead modules whose helpers call each other, named like the package they import', () => {
  // A client factory and the helper that calls it, in a module nothing imports; its SDK import `mailtrap` resolves to
  // no file but is a declared package, not an alias that might name the module.
  const client = [
    "import { MailtrapClient } from 'mailtrap'",
    'export async function mailtrapHelper() {',
    '  return new MailtrapClient({ token: process.env.MAILTRAP_API_KEY })',
    '}',
    'export async function sendMail(to) {',
    '  const client = await mailtrapHelper()',
    "  return client.send({ to, from: 'a@b.c' })",
    '}',
  ].join('\n')
  const files = (body: string): Record<string, string> => ({
    'package.json': '{ "name": "crm", "dependencies": { "mailtrap": "^3.0.0", "next": "15.0.0" } }',
    'app/page.tsx': "import { db } from '../lib/prisma'\nexport default function Page() { return db }\n",
    'lib/prisma.ts': 'export const db = 1\n',
    'lib/mailtrap.ts': body,
  })

  it('lowers the module, saying why', () => {
    const reachedOnlyHere = vendors(files(client), 'low').found.filter((v) => v.startsWith('mailtrap'))
    expect(reachedOnlyHere).toHaveLength(1)
    expect(reachedOnlyHere[0]).not.toMatch(/(medium|high)@lib\/mailtrap\.ts/)
    expect(vendors(files(client)).found.filter((v) => v.startsWith('mailtrap'))).toEqual([])
  })

  it('keeps a module that makes a call when it loads (a script’s main())', () => {
    const found = vendors(files(`${client}\nsendMail('ops@example.org')\n`)).found
    expect(found.some((v) => v.startsWith('mailtrap') && /(medium|high)@lib\/mailtrap\.ts/.test(v))).toBe(
      true,
    )
  })
})

/** Each cookie found at `min` confidence, as `name confidence@path:line`, with the reasons given. */
function cookies(
  files: Record<string, string>,
  min: Confidence = 'medium',
): { found: string[]; reasons: string[] } {
  const facts = Object.entries(files).map(([path, code]) => scanFile(path, code, rules))
  const { inventory } = buildInventory(facts, rules, { minConfidence: min })
  return {
    found: inventory.cookies.map(
      (c) => `${c.name} ${c.evidence.map((e) => `${e.confidence}@${e.path}:${e.line}`).join(' ')}`,
    ),
    reasons: inventory.cookies.flatMap((c) => c.evidence.map((e) => e.reason ?? '')),
  }
}

/** A component library copied into a SvelteKit app: the page imports the button's barrel through `$lib`. */
const COPIED_UI = {
  'package.json': '{ "name": "shop", "dependencies": { "@sveltejs/kit": "2.0.0" } }',
  'src/lib/components/ui/button/index.ts': "import Root from './button.svelte'\nexport { Root as Button }\n",
  'src/lib/components/ui/button/button.svelte': '<button><slot /></button>\n',
  'src/lib/components/ui/sidebar/index.ts':
    "import Provider from './sidebar-provider.svelte'\nexport { Provider }\n",
  'src/lib/components/ui/sidebar/sidebar-provider.svelte': [
    '<script lang="ts">',
    '  export function setOpen(open: boolean) {',
    '    document.cookie = `sidebar_state=${open}; path=/`',
    '  }',
    '</script>',
  ].join('\n'),
  'src/routes/+page.svelte':
    '<script lang="ts">\n  import { Button } from \'$lib/components/ui/button/index.js\'\n</script>\n<Button>Buy</Button>\n',
}

describe('reachability of cookies', () => {
  it('lowers a cookie a component sets when only an unimported barrel beside imported ones imports it', () => {
    expect(cookies(COPIED_UI).found).toEqual([])
    const low = cookies(COPIED_UI, 'low')
    expect(low.found).toEqual(['sidebar_state low@src/lib/components/ui/sidebar/sidebar-provider.svelte:3'])
    expect(low.reasons[0]).toContain(
      'src/lib/components/ui/sidebar/index.ts, which no module of the repository imports',
    )
  })

  it('keeps the cookie when a page imports the barrel through $lib, or no sibling barrel is imported', () => {
    const used = {
      ...COPIED_UI,
      'src/routes/+layout.svelte':
        '<script lang="ts">\n  import { Provider } from \'$lib/components/ui/sidebar\'\n</script>\n<Provider><slot /></Provider>\n',
    }
    expect(cookies(used).found).toEqual([
      'sidebar_state high@src/lib/components/ui/sidebar/sidebar-provider.svelte:3',
    ])
    const lone = { ...COPIED_UI }
    delete (lone as Record<string, string>)['src/routes/+page.svelte']
    expect(cookies(lone).found).toEqual([
      'sidebar_state high@src/lib/components/ui/sidebar/sidebar-provider.svelte:3',
    ])
  })
})

describe('reachability of an SDK default cookie', () => {
  it('keeps the default cookie of an SDK an unreached component imports when a page loads the SDK too', () => {
    const stripe =
      "<script lang=\"ts\">\n  import { loadStripe } from '@stripe/stripe-js'\n  export const stripe = loadStripe('pk')\n</script>\n"
    const files = {
      ...COPIED_UI,
      'package.json':
        '{ "name": "shop", "dependencies": { "@sveltejs/kit": "2.0.0", "@stripe/stripe-js": "4.0.0" } }',
      // The first import site by path lies in the unreached sidebar; the checkout page loads Stripe as well.
      'src/lib/components/ui/sidebar/sidebar-provider.svelte': stripe,
      'src/routes/checkout/+page.svelte': stripe,
    }
    const found = cookies(files).found.filter((c) => c.startsWith('__stripe_mid'))
    expect(found).toEqual(['__stripe_mid medium@src/lib/components/ui/sidebar/sidebar-provider.svelte:2'])
  })
})

describe('reachability of Svelte components', () => {
  const banner =
    '<script lang="ts">\n  export let id: string\n</script>\n<script src="https://www.googletagmanager.com/gtag/js?id={id}"></script>\n'
  const files = {
    'package.json': '{ "name": "shop", "dependencies": { "@sveltejs/kit": "2.0.0" } }',
    'src/lib/components/blocks/hero.svelte': '<h1>Hi</h1>\n',
    'src/lib/components/blocks/tracking-banner.svelte': banner,
    'src/routes/+page.svelte':
      "<script>\n  import Hero from '$lib/components/blocks/hero.svelte'\n</script>\n<Hero />\n",
  }

  it('lowers the vendor evidence of a component nothing imports while a page imports others of its folder', () => {
    expect(vendors(files).found).toEqual([])
    const low = vendors(files, 'low')
    expect(low.found.join(' ')).toContain('low@src/lib/components/blocks/tracking-banner.svelte:4')
    expect(low.reasons.join(' ')).toContain(
      'tracking-banner.svelte, which no module of the repository imports',
    )
  })

  it('keeps it when a page imports it, or nothing running imports its folder (a folder loaded another way)', () => {
    const used = {
      ...files,
      'src/routes/about/+page.svelte':
        '<script>\n  import B from \'$lib/components/blocks/tracking-banner.svelte\'\n</script>\n<B id="G-1" />\n',
    }
    expect(vendors(used).found.join(' ')).toContain('high@src/lib/components/blocks/tracking-banner.svelte:4')
    const lone = { ...files }
    delete (lone as Record<string, string>)['src/routes/+page.svelte']
    expect(vendors(lone).found.join(' ')).toContain('@src/lib/components/blocks/tracking-banner.svelte:4')
  })
})

describe('a declared dependency whose only importer no user path reaches', () => {
  const provider = [
    "import posthog from 'posthog-js'",
    "export const start = () => posthog.init('phc_key', { api_host: 'https://eu.i.posthog.com' })",
  ].join('\n')
  const csp = [
    'const ContentSecurityPolicy = `',
    "  script-src 'self' https://eu-assets.i.posthog.com;",
    '`',
    "export default { headers: async () => [{ source: '/(.*)', headers: [{ key: 'Content-Security-Policy', value: ContentSecurityPolicy }] }] }",
  ].join('\n')
  const files = (layout: string): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { 'posthog-js': '1.0.0' } }),
    'next.config.mjs': csp,
    'src/providers/posthog.ts': provider,
    'src/providers/theme.ts': 'export const theme = "dark"\n',
    'src/app/layout.tsx': layout,
  })

  it('lowers the dependency and a CSP entry with the provider module nothing imports', () => {
    const unwired = "import { theme } from '../providers/theme'\nexport default () => theme\n"
    expect(vendors(files(unwired)).found).toEqual([])
    expect(vendors(files(unwired), 'low').found).toEqual([
      'posthog low@next.config.mjs:1 low@package.json:1 low@src/providers/posthog.ts:1 low@src/providers/posthog.ts:2',
    ])
  })

  it('keeps the import and the dependency once a running module imports the provider (the CSP entry stays low)', () => {
    const wired = "import { start } from '../providers/posthog'\nexport default () => start()\n"
    expect(vendors(files(wired)).found).toEqual([
      'posthog high@package.json:1 high@src/providers/posthog.ts:1 high@src/providers/posthog.ts:2',
    ])
  })
})
