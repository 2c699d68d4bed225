import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseManifest } from '../../src/manifest/load.js'
import { readPolicy } from '../../src/policy/from-policy.js'
import { lintPolicy } from '../../src/policy/lint.js'
import { policyText } from '../../src/policy/text.js'
import { loadRules } from '../../src/rules/load.js'

/**
 * Reading a policy must take time linear in its length: a one-line policy of 400 kB used to take 16 times as long
 * as one of 100 kB. Work is counted, not timed: every regular-expression run is charged the characters it scans —
 * from where it starts to the end of its match, or to the end of its input when nothing matches (one unit for an
 * anchored or sticky attempt that fails) — which is where the reader spends its time. A linear reader does about
 * 4 times the work for 4 times the text; a quadratic one about 16 times.
 */
export function workOf(run: () => void): number {
  const exec = RegExp.prototype.exec
  let units = 0
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    const text = String(input)
    const from = this.global || this.sticky ? this.lastIndex : 0
    const result = exec.call(this, text)
    const anchored = this.sticky || (this.source.startsWith('^') && !this.multiline)
    if (result) units += result.index + result[0].length - from + 1
    else units += anchored ? 1 : Math.max(1, text.length - from)
    return result
  }
  try {
    run()
  } finally {
    RegExp.prototype.exec = exec
  }
  return units
}

const rules = loadRules()
const manifest = parseManifest(
  'version: 1\ndata:\n  - category: user.contact.email\n    purposes: []\n  - category: user.device.ip_address\n    purposes: []\ncookies:\n  - purpose: analytics\nprocessors:\n  - vendor: stripe\n',
  'privacy.yml',
  rules,
)
const policy = readFileSync('bench/policy/texts/github-general.md', 'utf8')

/** `length` characters of `unit` repeated, on one line. */
const oneLine = (unit: string, length: number): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length)

const readAndLint = (text: string, file: string) => (): void => {
  const t = policyText(text, file)
  readPolicy(t, rules)
  lintPolicy({ manifest, policy: t, rules })
}

const N = 25_000

describe('policy reading takes linear time', () => {
  const cases: { name: string; unit: string; file: string }[] = [
    {
      name: 'a real policy joined into one line (markdown)',
      unit: policy.replace(/\n+/g, ' '),
      file: 'p.md',
    },
    { name: 'the same line as plain text', unit: policy.replace(/\n+/g, ' '), file: 'p.txt' },
    {
      name: 'the same line as HTML',
      unit: policy.replace(/\n+/g, ' ').replace(/## /g, '<h2>'),
      file: 'p.html',
    },
    // No full stop at all: one endless sentence, cut into bounded pieces.
    {
      name: 'one sentence without end',
      unit: 'we collect your name email address and phone number and share them with payment providers ',
      file: 'p.txt',
    },
    // Unclosed markup: emphasis, links, tags and comments that never close.
    { name: 'unclosed markdown', unit: '**bold [link (url `code _em <tag ', file: 'p.md' },
    { name: 'unclosed HTML', unit: '<p <script <!-- <h2 &amp; <a href="x" ', file: 'p.html' },
    { name: 'template tags', unit: '{{ x {% y <% z ', file: 'p.njk' },
  ]
  for (const c of cases)
    it(`${c.name}: 4 times the text costs at most 6 times the work`, () => {
      const small = workOf(readAndLint(oneLine(c.unit, N), c.file))
      const large = workOf(readAndLint(oneLine(c.unit, 4 * N), c.file))
      expect(small).toBeGreaterThan(0)
      expect(large / small, `work ${small} → ${large}`).toBeLessThan(6)
    })
})
