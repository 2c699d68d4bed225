import { renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCheck, runScan } from '../../src/core/check.js'
import { copyFixture, writeFiles } from '../helpers/tmp.js'
import { git, initAndCommit } from '../helpers/git.js'

const DEMO = 'fixtures/demo-shop'

/** A head commit that adds a vendor, a cookie and a field, renames one file and deletes another. */
function changeDemo(root: string): void {
  writeFiles(root, {
    'src/lib/tracking.ts':
      "import mixpanel from 'mixpanel-browser'\nexport const track = (e: string) => mixpanel.track(e)\n",
    'src/lib/prefs.ts':
      "import Cookies from 'js-cookie'\nexport const saveTheme = (t: string) => Cookies.set('ll_theme', t)\n",
    'src/lib/profile.ts':
      'export interface CustomerProfile {\n  nationalInsuranceNumber: string\n  passportNumber: string\n}\n',
  })
  renameSync(join(root, 'src/lib/email.ts'), join(root, 'src/lib/mailer.ts'))
  rmSync(join(root, 'src/components/Footer.tsx'))
}

describe('base inventory from head facts', () => {
  it('equals a full scan of the base commit, while re-scanning only the changed files', async () => {
    const baseCopy = copyFixture(DEMO)
    const repo = copyFixture(DEMO)
    const baseSha = initAndCommit(repo)
    changeDemo(repo)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'head')

    const outcome = await runCheck({ root: repo, base: baseSha })
    const expected = await runScan({ root: baseCopy })
    expect(outcome.baseInventory).toEqual(expected.inventory)
    expect(outcome.changedPaths).toEqual([
      'src/components/Footer.tsx',
      'src/lib/mailer.ts',
      'src/lib/prefs.ts',
      'src/lib/profile.ts',
      'src/lib/tracking.ts',
    ])
  })

  it('reports as new only what the change introduced, keyed by item not by line', async () => {
    const repo = copyFixture(DEMO)
    const baseSha = initAndCommit(repo)
    changeDemo(repo)
    // Uncommitted work counts too: the CLI compares the working tree with --base.
    const outcome = await runCheck({ root: repo, base: baseSha })
    const fresh = outcome.drift.new.map((n) => `${n.kind}:${n.key}`)
    expect(fresh).toContain('analytics:mixpanel')
    expect(fresh).toContain('cookie:ll_theme')
    // Items that were already undeclared at the base are not blamed on the change.
    const old = outcome.drift.undeclared
      .filter((u) => !fresh.includes(`${u.kind}:${u.key}`))
      .map((u) => `${u.kind}:${u.key}`)
    expect(old).toContain('analytics:posthog')
    expect(fresh).not.toContain('analytics:posthog')
    expect(fresh).not.toContain('processor:resend')
  })
})
