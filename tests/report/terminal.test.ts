import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/core/check.js'
import { renderJson } from '../../src/report/json.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { renderPrComment } from '../../src/report/pr-comment.js'
import { renderSarif } from '../../src/report/sarif.js'
import { renderText } from '../../src/report/text.js'
import { FORMATS, render } from '../../src/cli/output.js'
import { runCli } from '../helpers/cli.js'
import { tempDir, writeFiles } from '../helpers/tmp.js'

const ESC = '\x1b'
const BEL = '\x07'
const CSI = '\u009b' // one character that terminals read as ESC [
/** Terminal sequences a hostile PR would plant: clipboard write, hidden link, window title, screen clear. */
const OSC52 = `${ESC}]52;c;ZWNobyBwd25lZA${BEL}`
const OSC8 = `${ESC}]8;;https:evil.example${ESC}\\click${ESC}]8;;${ESC}\\`
const TITLE = `${ESC}]0;pwned${BEL}`
const CLEAR = `${ESC}[2J${ESC}[H`

/**
 * A repository whose file names and cookie names carry terminal control sequences (cookie names cannot hold
 * `;` or `=`, so the OSC sequences go into file names).
 */
function hostileRepo(): string {
  const dir = tempDir()
  writeFiles(dir, {
    'privacy.yml': 'version: 1\n',
    [`src/${CLEAR}session${CSI}31m.ts`]: [
      'export interface Customer {',
      '  email: string',
      '}',
      `document.cookie = ${JSON.stringify(`clear${CLEAR}=1`)}`,
      `document.cookie = ${JSON.stringify(`csi${CSI}2J${CSI}3J=1`)}`,
    ].join('\n'),
    [`src/${OSC52}${TITLE}.ts`]: 'export interface Account {\n  phoneNumber: string\n}\n',
    [`src/${OSC8}.ts`]: "document.cookie = 'theme=dark'\n",
  })
  return dir
}

/** Every control character except newline; our own colours (SGR `ESC [ … m`) removed first when asked. */
function controls(text: string, allowColour = false): string[] {
  // eslint-disable-next-line no-control-regex -- our own colour codes
  const rest = allowColour ? text.replace(/\x1b\[[0-9;]*m/g, '') : text
  // eslint-disable-next-line no-control-regex -- what must not be there
  return [...rest.matchAll(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/g)].map((m) => m[0])
}

describe('text from scanned code cannot drive a terminal', () => {
  it('the text report shows control characters as visible escapes, with and without colour', async () => {
    const outcome = await runCheck({ root: hostileRepo() })
    const cookies = outcome.drift.undeclared.filter((u) => u.kind === 'cookie')
    expect(cookies.map((u) => u.key)).toEqual(
      expect.arrayContaining([`clear${CLEAR}`, `csi${CSI}2J${CSI}3J`]),
    )
    for (const color of [false, true]) {
      const text = renderText(outcome.inventory, outcome.drift, { color, manifestFile: 'privacy.yml' })
      expect(controls(text, color)).toEqual([])
      expect(text).toContain('src/\\x1b]52;c;ZWNobyBwd25lZA\\x07\\x1b]0;pwned\\x07.ts')
      expect(text).toContain('src/\\x1b[2J\\x1b[Hsession\\x9b31m.ts')
      expect(text).toContain('csi\\x9b2J\\x9b3J')
      const inventory = renderText(outcome.inventory, undefined, { color })
      expect(controls(inventory, color)).toEqual([])
    }
  })

  it('check prints no control character when piped either', async () => {
    const dir = hostileRepo()
    const r = await runCli(['check', dir, '--no-color'])
    expect(r.code).toBe(1)
    expect(controls(r.stdout)).toEqual([])
    expect(controls(r.stderr)).toEqual([])
    expect(r.stdout).toContain('\\x9b')
  })

  it('markdown, the PR comment, JSON and SARIF carry no raw C0 or C1 control (U+009B included)', async () => {
    const outcome = await runCheck({ root: hostileRepo() })
    const md = renderMarkdown(outcome.inventory, outcome.drift, { manifestFile: 'privacy.yml' })
    const comment = renderPrComment(outcome.drift, { manifestFile: 'privacy.yml', headSha: 'a'.repeat(40) })
    const json = renderJson(outcome.inventory, outcome.drift)
    const sarif = renderSarif(outcome.inventory, outcome.drift)
    for (const text of [md, comment, json, sarif]) expect(controls(text)).toEqual([])
    // JSON keeps the data: the escapes parse back to the same names.
    const parsed = JSON.parse(json) as { drift: { undeclared: { key: string }[] } }
    expect(parsed.drift.undeclared.map((u) => u.key)).toEqual(outcome.drift.undeclared.map((u) => u.key))
  })

  it('every --format leaves no raw control character in its output (one escape, every renderer)', async () => {
    const outcome = await runCheck({ root: hostileRepo() })
    const opts = {
      color: false,
      verbose: false,
      rules: outcome.rules,
      manifest: outcome.manifest,
      project: 'shop',
    }
    for (const format of FORMATS) {
      const text = await render(format, outcome.inventory, outcome.drift, opts)
      // CSV rows end with CRLF; that is the format's own.
      expect(controls(text.replace(/\r\n/g, '\n')), format).toEqual([])
    }
  })
})

describe('YAML that privacy-drift writes carries no control character either', () => {
  it('init (and --stdout) and check --fix: names from code as escapes, read back as the same values', async () => {
    const dir = hostileRepo()
    const printed = await runCli(['init', dir, '--stdout'])
    expect(printed.code).toBe(0)
    expect(controls(printed.stdout)).toEqual([])
    expect(printed.stdout).toContain('src/\\x1b]52;c;ZWNobyBwd25lZA\\x07\\x1b]0;pwned\\x07.ts')

    const fixed = await runCli(['check', dir, '--fix'])
    expect(fixed.code).toBe(0)
    expect(controls(fixed.stderr)).toEqual([])
    const manifest = readFileSync(join(dir, 'privacy.yml'), 'utf8')
    expect(controls(manifest)).toEqual([])
    // The escapes are YAML escapes inside quotes: the declared names are the names in the code.
    const check = await runCli(['check', dir, '--no-color'])
    expect(check.stdout).toContain('✓ In sync')

    rmSync(join(dir, 'privacy.yml'))
    expect((await runCli(['init', dir])).code).toBe(0)
    expect(controls(readFileSync(join(dir, 'privacy.yml'), 'utf8'))).toEqual([])
    expect((await runCli(['check', dir, '--no-color'])).stdout).toContain('✓ In sync')
  })

  it('init --from-policy: quotes of the policy text as escapes', async () => {
    const dir = tempDir()
    const policy = join(dir, 'privacy.md')
    writeFileSync(
      policy,
      `# Privacy\n\nWe share your email address with Stripe${OSC52} for payments.\n\nWe use Google Analytics${TITLE}${CSI}2J cookies.\n`,
    )
    const r = await runCli(['init', dir, '--stdout', '--from-policy', policy])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('vendor: stripe')
    expect(controls(r.stdout)).toEqual([])
    expect(r.stdout).toContain('Stripe\\x1b]52;c;ZWNobyBwd25lZA\\x07 for payments')
  })
})
