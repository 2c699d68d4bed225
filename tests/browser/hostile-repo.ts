import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Script that marks the page as compromised if any payload runs. */
export const CANARY = 'window.__pwned=1'

/**
 * A repository whose names try to run script in a report: file names, workspace package names, field names,
 * form input names and cookie names carrying `<script>`, event-handler attributes and `javascript:` URLs.
 */
export function writeHostileRepo(dir: string): void {
  const img = `"><img src=x onerror=${CANARY}>`
  const files: Record<string, string> = {
    'privacy.yml': 'version: 1\n',
    'package.json': JSON.stringify({ name: 'hostile-root', private: true, workspaces: ['packages/*'] }),
    'packages/web/package.json': JSON.stringify({
      name: `<svg onload=${CANARY}>`,
      dependencies: { 'posthog-js': '^1.0.0', stripe: '^14.0.0' },
    }),
    [`packages/web/src/${img}.tsx`]: [
      "import posthog from 'posthog-js'",
      "import Cookies from 'js-cookie'",
      'export interface Customer {',
      `  '<script>${CANARY}</script>email': string`,
      `  "${img.replace(/"/g, "'")}phone": string`,
      '}',
      `Cookies.set('<script>${CANARY}</script>', 'v')`,
      `Cookies.set('javascript:${CANARY}', 'v')`,
      `Cookies.set('"><img src=x onerror=${CANARY}>', 'v')`,
      'export function Signup() {',
      `  return <form><input name={'"><script>${CANARY}</script>'} type="email" autoComplete="email" /></form>`,
      '}',
      `// </script><script>${CANARY}</script> %% --> \` ]`,
      "posthog.init('phc_x')",
    ].join('\n'),
    'packages/web/src/pay.ts': ["import Stripe from 'stripe'", "export const stripe = new Stripe('sk')"].join(
      '\n',
    ),
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
}
