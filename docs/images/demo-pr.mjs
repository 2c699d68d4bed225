// The demo pull request of the pictures in the docs: fixtures/demo-shop at the base, plus a change that adds
// Mixpanel, a cookie and a national-ID field, committed with fixed dates (the same SHAs on every run).
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const TRACKING_FILE = 'src/lib/tracking.ts'

export const TRACKING = `import mixpanel from 'mixpanel-browser'
import { cookies } from 'next/headers'
import { z } from 'zod'

export const referralSchema = z.object({
  referrerEmail: z.string().email(),
  taxId: z.string(),
})

export function initTracking(token: string) {
  mixpanel.init(token)
}

export async function rememberReferrer(code: string) {
  const jar = await cookies()
  jar.set('ll_referrer', code, { httpOnly: true })
}
`

const project = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Builds the demo PR in a temporary repository, runs `fn({ dir, base, head })`, then removes it. */
export async function withDemoPr(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'pd-demo-pr-'))
  const git = (...args) =>
    execFileSync('git', ['-C', dir, ...args], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Demo',
        GIT_AUTHOR_EMAIL: 'demo@example.com',
        GIT_COMMITTER_NAME: 'Demo',
        GIT_COMMITTER_EMAIL: 'demo@example.com',
        GIT_AUTHOR_DATE: '2026-10-02T09:14:03Z',
        GIT_COMMITTER_DATE: '2026-10-02T09:14:03Z',
      },
    })
      .toString()
      .trim()
  try {
    cpSync(join(project, 'fixtures', 'demo-shop'), dir, { recursive: true })
    git('init', '-q', '-b', 'main')
    git('add', '-A')
    git('commit', '-q', '-m', 'base')
    const base = git('rev-parse', 'HEAD')
    mkdirSync(join(dir, dirname(TRACKING_FILE)), { recursive: true })
    writeFileSync(join(dir, TRACKING_FILE), TRACKING)
    git('add', '-A')
    git('commit', '-q', '-m', 'Add referral tracking')
    return await fn({ dir, base, head: git('rev-parse', 'HEAD') })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
