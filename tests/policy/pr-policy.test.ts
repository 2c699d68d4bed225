import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readReportFile } from '../../src/action/artifact.js'
import { run } from '../../src/action/run.js'
import { toPullRequestInfo } from '../../src/github/pr-client.js'
import type { UndeclaredItem } from '../../src/model/types.js'
import { policyAdditions } from '../../src/policy/additions.js'
import { appendToMarkedSection, markdownSentence } from '../../src/policy/fix-policy.js'
import { POLICY_MARKERS, renderPolicySection, type PolicyCheck } from '../../src/policy/pr-section.js'
import { policyText } from '../../src/policy/text.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { renderPrComment } from '../../src/report/pr-comment.js'
import { loadRules } from '../../src/rules/load.js'
import { MemoryPrClient } from '../github/memory-client.js'
import { eventFile, makePrRepo, recordingIO, TRACKING_PR, type PrRepo } from '../action/helpers.js'
import { runCli } from '../helpers/cli.js'
import { copyFixture } from '../helpers/tmp.js'

const rules = loadRules()
const FIXTURE = 'fixtures/policy-lint'
const POLICY = readFileSync(join(FIXTURE, 'docs/privacy-policy.md'), 'utf8')
const policy = policyText(POLICY, 'docs/privacy-policy.md')

const item = (
  kind: UndeclaredItem['kind'],
  key: string,
  extra: Partial<UndeclaredItem> = {},
): UndeclaredItem => ({
  kind,
  key,
  name: key,
  categories: [],
  evidence: [
    {
      path: 'src/app.ts',
      line: 3,
      column: 1,
      rule: 'r',
      confidence: 'high',
      how: 'field',
      fingerprint: `f-${key}`,
    },
  ],
  suggestion: kind === 'personalData' ? `data:\n  - category: ${key}` : `processors:\n  - vendor: ${key}`,
  sentence: `Sentence for ${key}.`,
  ...extra,
})

describe('what the policy text lacks for the items a PR adds', () => {
  const items = [
    item('personalData', 'user.contact.email'), // "e-mail address", line 8
    item('personalData', 'user.contact.phone_number'),
    item('personalData', 'user.demographic.date_of_birth'), // "We do not collect your date of birth."
    item('cookie', 'll_prefs', { categories: ['preferences'] }),
    item('cookie', 'sess', { categories: ['strictly-necessary'] }),
    item('processor', 'resend', { name: 'Resend' }), // "Email delivery providers"
    item('processor', 'twilio', { name: 'Twilio' }),
  ]
  const { additions, covered } = policyAdditions(items, policy, rules)
  const byKey = new Map(additions.map((a) => [a.key, a]))

  it('an item the text mentions (by its words, a child, or a category of recipients) needs nothing', () => {
    expect(covered.map((c) => c.key).sort()).toEqual(['resend', 'sess', 'user.contact.email'])
  })

  it('each missing item gets its sentence and the section it belongs in: heading and line', () => {
    expect(byKey.get('user.contact.phone_number')).toMatchObject({
      sentence: 'Sentence for user.contact.phone_number.',
      section: { heading: 'Information we collect', line: 5 },
      label: 'phone number',
    })
    expect(byKey.get('ll_prefs')).toMatchObject({ section: { heading: 'Cookies', line: 11 } })
    expect(byKey.get('twilio')).toMatchObject({
      section: { heading: 'Who we share your data with', line: 16 },
    })
  })

  it('a sentence that says the opposite is pointed at, not added to', () => {
    expect(byKey.get('user.demographic.date_of_birth')).toMatchObject({ contradicts: 9 })
    expect(byKey.get('user.demographic.date_of_birth')?.section).toBeUndefined()
  })

  it('a flow is described when the text names both its vendor and its data; a log flow when it names the data', () => {
    const flows = [
      item('flow', 'resend → user.contact.email'), // both named: "e-mail address", "Email delivery providers"
      item('flow', 'resend → user.contact.phone_number'), // the phone number is not
      item('flow', 'twilio → user.contact.email'), // Twilio is not
      item('flow', 'logs → user.contact.email'),
      item('flow', 'logs → user.contact.phone_number'),
    ]
    const r = policyAdditions(flows, policy, rules)
    expect(r.covered.map((c) => c.key)).toEqual(['resend → user.contact.email', 'logs → user.contact.email'])
    const got = new Map(r.additions.map((a) => [a.key, a]))
    // The section is that of the part the text lacks: the recipients for Twilio, the data for the phone number.
    expect(got.get('twilio → user.contact.email')).toMatchObject({
      label: 'email address sent to Twilio',
      section: { heading: 'Who we share your data with', line: 16 },
    })
    expect(got.get('resend → user.contact.phone_number')).toMatchObject({
      label: 'phone number sent to Resend',
      section: { heading: 'Information we collect', line: 5 },
    })
    expect(got.get('logs → user.contact.phone_number')).toMatchObject({
      label: 'phone number sent to the logs',
    })
  })

  it('a policy without the section says where the sentence goes in words', () => {
    const bare = policyText('We value your privacy.\n', 'privacy.md')
    const r = policyAdditions([item('processor', 'twilio', { name: 'Twilio' })], bare, rules)
    expect(r.additions[0]!.section).toBeUndefined()
    const lines = renderPolicySection(check(r.additions, [], { file: 'privacy.md' }))
    expect(lines.join('\n')).toContain(
      'Where the policy lists who receives personal data (the policy has no such section yet):',
    )
  })
})

function check(
  additions: PolicyCheck['additions'],
  covered: PolicyCheck['covered'],
  extra: Partial<PolicyCheck> = {},
): PolicyCheck {
  return { file: 'docs/privacy.md', display: 'docs/privacy.md', additions, covered, markdown: true, ...extra }
}

describe('the policy section of the PR comment and the job summary', () => {
  const fresh = [
    item('personalData', 'user.contact.phone_number', {
      sentence: 'We collect your phone number to [purpose].',
    }),
    item('processor', 'twilio', {
      name: 'Twilio',
      sentence: 'We share your phone number with Twilio Inc. to send text messages.',
    }),
    item('personalData', 'user.contact.email'),
  ]
  const policyCheck = check(
    [
      {
        kind: 'personalData',
        key: 'user.contact.phone_number',
        label: 'phone number',
        sentence: fresh[0]!.sentence,
        section: { heading: 'Information we collect', line: 5 },
      },
      {
        kind: 'processor',
        key: 'twilio',
        label: 'Twilio',
        sentence: fresh[1]!.sentence,
        section: { heading: 'Who we share your data with', line: 16 },
      },
    ],
    [{ kind: 'personalData', key: 'user.contact.email' }],
    { markerLine: 40 },
  )
  const link = (e: { path: string; line: number }) => `https://github.com/o/r/blob/abc/${e.path}#L${e.line}`

  it('the comment says which sentence to add where, with links to the policy lines, in place of the generic list', () => {
    const body = renderPrComment(
      { undeclared: fresh, new: fresh, stale: [] },
      { manifestFile: 'privacy.yml', headSha: 'a'.repeat(40), link, policy: policyCheck },
    )
    expect(body).toContain('#### Add to the privacy policy (`docs/privacy.md`)')
    expect(body).toContain(
      '`docs/privacy.md` does not describe 2 of the 3 new items yet (it already describes one). Add:',
    )
    expect(body).toContain(
      '- Under “Information we collect” ([docs/privacy.md&#58;5](https://github.com/o/r/blob/abc/docs/privacy.md#L5)):\n  - We collect your phone number to &#91;purpose&#93;.',
    )
    expect(body).toContain('Under “Who we share your data with”')
    expect(body).toContain('appends them to the marked section at [docs/privacy.md&#58;40]')
    expect(body).not.toContain('#### Add to the privacy policy\n')
  })

  it('a truncated comment shows the policy sentences of the shown items only', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      item('personalData', `user.custom.field_${i}`, {
        sentence: `We collect field ${i} ${'x'.repeat(200)}.`,
      }),
    )
    const big = check(
      many.map((u) => ({ kind: u.kind, key: u.key, label: u.key, sentence: u.sentence })),
      [],
    )
    const body = renderPrComment(
      { undeclared: many, new: many, stale: [] },
      { manifestFile: 'privacy.yml', headSha: 'a'.repeat(40), policy: big, budget: 20_000 },
    )
    expect(body.length).toBeLessThanOrEqual(20_000)
    const shown = (body.match(/^ {2}- We collect field/gm) ?? []).length
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBeLessThan(400)
    expect(body).toMatch(/…and \d+ more \(see job summary\)/)
  })

  it('everything from the repository is escaped: headings, sentences, file names', () => {
    const hostile = check(
      [
        {
          kind: 'cookie',
          key: '<img src=x>',
          label: 'x',
          sentence: 'We use a cookie (<img src=x onerror=alert(1)>) @admin #12 [link](javascript:alert(1)).',
          section: { heading: '**Cookies** <script>alert(1)</script>', line: 3 },
        },
      ],
      [],
      { display: 'docs/<b>p</b>.md' },
    )
    const out = renderPolicySection(hostile).join('\n')
    // Code spans show their text as is; outside them nothing is markup.
    expect(out.replace(/`[^`\n]*`/g, '')).not.toMatch(/<img|<script|<b>|\]\(javascript/)
    expect(out).not.toContain('@admin')
    // The markers are shown as they must be typed.
    expect(out).toContain(`\`${POLICY_MARKERS.start}\``)
  })

  it('a policy that describes every new item says so', () => {
    const body = renderPolicySection(check([], [{ kind: 'processor', key: 'stripe' }])).join('\n')
    expect(body).toContain('✅ `docs/privacy.md` already describes the new item.')
  })

  it('the job summary carries the same section, for every undeclared item', () => {
    const md = renderMarkdown(
      { files: 1, personalData: [], cookies: [], analytics: [], processors: [], flows: [] } as never,
      { undeclared: fresh, new: fresh, stale: [], covered: [] } as never,
      { policy: policyCheck, link },
    )
    expect(md).toContain('### Add to the privacy policy (`docs/privacy.md`)')
    expect(md).toContain('of the 3 undeclared items')
    expect(md).not.toContain('**Add to the policy text:**')
  })
})

describe('check --fix --policy: the marked section of a markdown policy', () => {
  const doc = (inside: string[] = [], eol = '\n'): string =>
    [
      '# Privacy',
      '',
      'Keep *this*  text  as is.',
      POLICY_MARKERS.start,
      ...inside,
      POLICY_MARKERS.end,
      'After.',
      '',
    ].join(eol)

  it('appends each new sentence as a paragraph between the markers; nothing outside them changes', () => {
    const before = doc(['Our own words stay.'])
    const { text, added } = appendToMarkedSection(
      before,
      ['We collect your phone number to [purpose].'],
      'p.md',
    )
    expect(added).toEqual(['We collect your phone number to \\[purpose\\].'])
    expect(text).toBe(doc(['Our own words stay.', '', 'We collect your phone number to \\[purpose\\].', '']))
    const [head, tail] = [before.split(POLICY_MARKERS.start)[0], before.split(POLICY_MARKERS.end)[1]]
    expect(text.startsWith(head + POLICY_MARKERS.start)).toBe(true)
    expect(text.endsWith(POLICY_MARKERS.end + tail)).toBe(true)
  })

  it('is idempotent: a sentence the section has is not added again', () => {
    const once = appendToMarkedSection(doc(), ['A.', 'B.'], 'p.md').text
    const twice = appendToMarkedSection(once, ['B.', 'A.'], 'p.md')
    expect(twice.added).toEqual([])
    expect(twice.text).toBe(once)
  })

  it('keeps CRLF line endings', () => {
    const { text } = appendToMarkedSection(doc([], '\r\n'), ['A.'], 'p.md')
    expect(text).toBe(doc(['', 'A.', ''], '\r\n'))
  })

  it('keeps mixed line endings outside the markers byte for byte', () => {
    const before = `# Privacy\r\nOld\rlines\n${POLICY_MARKERS.start}\nOurs\r\n\n${POLICY_MARKERS.end}\r\nAfter\r\nend\n`
    const { text } = appendToMarkedSection(before, ['A.', 'B.'], 'p.md')
    expect(text).toBe(
      `# Privacy\r\nOld\rlines\n${POLICY_MARKERS.start}\nOurs\r\n\nA.\n\nB.\n\n${POLICY_MARKERS.end}\r\nAfter\r\nend\n`,
    )
  })

  it('refuses, saying how to add them, when the markers are missing, doubled or reversed', () => {
    expect(() => appendToMarkedSection('# Privacy\n', ['A.'], 'p.md')).toThrow(
      /p\.md has no privacy-drift section[\s\S]*<!-- privacy-drift:start -->\n {2}<!-- privacy-drift:end -->/,
    )
    expect(() => appendToMarkedSection(doc() + POLICY_MARKERS.start + '\n', ['A.'], 'p.md')).toThrow(
      /exactly one .* \(found 2 and 1\)/,
    )
    expect(() =>
      appendToMarkedSection(`${POLICY_MARKERS.end}\n${POLICY_MARKERS.start}\n`, ['A.'], 'p.md'),
    ).toThrow(/comes before/)
  })

  it('writes names from code as text, not markup', () => {
    expect(markdownSentence('We use a cookie (<img src=x>, _ga*, `x`, [a](b)) to\nremember you.')).toBe(
      'We use a cookie (&lt;img src=x&gt;, \\_ga\\*, \\`x\\`, \\[a\\](b)) to remember you.',
    )
  })
})

describe('check --fix --policy on a repository', () => {
  // Text after the end marker, with markup and odd spacing, must come out byte for byte.
  const TAIL = '\n## Contact  \n\nWrite to *privacy@example.com* — we  answer within 30 days.\r\n'
  const setup = (marked: boolean): string => {
    const dir = copyFixture(FIXTURE)
    writeFileSync(
      join(dir, 'src/lib/profile.ts'),
      'export interface Profile {\n  homeAddress: string\n  gender: string\n}\n',
    )
    if (marked)
      writeFileSync(
        join(dir, 'docs/privacy-policy.md'),
        `${POLICY}\n## Updates\n\n${POLICY_MARKERS.start}\n${POLICY_MARKERS.end}\n${TAIL}`,
      )
    return dir
  }

  it('refuses without the markers and changes nothing, privacy.yml included', async () => {
    const dir = setup(false)
    const before = [
      readFileSync(join(dir, 'docs/privacy-policy.md'), 'utf8'),
      readFileSync(join(dir, 'privacy.yml'), 'utf8'),
    ]
    const r = await runCli(['check', dir, '--fix', '--policy'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /has no privacy-drift section: check --fix --policy writes only between its markers/,
    )
    expect(r.stderr).toContain(POLICY_MARKERS.start)
    expect([
      readFileSync(join(dir, 'docs/privacy-policy.md'), 'utf8'),
      readFileSync(join(dir, 'privacy.yml'), 'utf8'),
    ]).toEqual(before)
  })

  it('appends the sentences, keeps the file mode, and a second run changes nothing; the lint is then clean but for what needs a person', async () => {
    const dir = setup(true)
    const file = join(dir, 'docs/privacy-policy.md')
    chmodSync(file, 0o640)
    const first = await runCli(['check', dir, '--fix', '--policy'])
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/added 2 sentences to the privacy-drift section/)
    expect(first.stderr).toMatch(/privacy-policy\.md:9: says the opposite about date of birth/)
    const after = readFileSync(file, 'utf8')
    expect(after.startsWith(`${POLICY}\n## Updates\n\n${POLICY_MARKERS.start}\n`)).toBe(true)
    expect(after.endsWith(`${POLICY_MARKERS.end}\n${TAIL}`)).toBe(true)
    const section = after.split(POLICY_MARKERS.start)[1]!.split(POLICY_MARKERS.end)[0]!
    expect(section).toContain('We collect your postal address, gender and phone number to \\[purpose\\].')
    expect(section).toContain('We use marketing cookies to measure and personalise advertising.')
    expect(statSync(file).mode & 0o777).toBe(0o640)

    const second = await runCli(['check', dir, '--fix', '--policy'])
    expect(second.stderr).toMatch(/nothing to add/)
    expect(readFileSync(file, 'utf8')).toBe(after)

    const lint = await runCli(['policy', 'lint', dir, '--format', 'json'])
    const gaps = (JSON.parse(lint.stdout) as { gaps: { key: string; direction: string }[] }).gaps
    expect(gaps.filter((g) => g.direction === 'not-in-policy').map((g) => g.key)).toEqual([
      'user.demographic.date_of_birth',
    ])
  })

  it('--policy goes with --fix, and writes only markdown', async () => {
    const dir = setup(true)
    const r = await runCli(['check', dir, '--policy'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--policy goes with --fix/)
    const folder = await runCli(['check', dir, '--fix', '--policy', join(dir, 'docs')])
    expect(folder.code).toBe(2)
    expect(folder.stderr).toMatch(/is a folder: --policy takes the policy file/)
    writeFileSync(join(dir, 'policy.html'), '<p>Hi</p>\n')
    const html = await runCli(['check', dir, '--fix', '--policy', join(dir, 'policy.html')])
    expect(html.code).toBe(2)
    expect(html.stderr).toMatch(/is not a markdown file \(\.md\)/)
  })
})

describe('the action: sticky comment, job summary and report-file carry the policy section', () => {
  let repo: PrRepo
  let dir: string
  beforeAll(() => {
    const manifest = readFileSync('fixtures/demo-shop/privacy.yml', 'utf8').replace(
      '\npolicy:\n',
      '\npolicy:\n  file: docs/privacy.md\n',
    )
    repo = makePrRepo(TRACKING_PR, {
      'privacy.yml': manifest,
      'docs/privacy.md': [
        '# Privacy policy',
        '',
        '## What we collect',
        '',
        'Your name, e-mail address and postal address, to run the shop.',
        '',
        '## Cookies',
        '',
        'A session cookie keeps you signed in.',
        '',
        '## Who receives your data',
        '',
        'Stripe, to take payments.',
        '',
        POLICY_MARKERS.start,
        POLICY_MARKERS.end,
        '',
      ].join('\n'),
    })
    dir = mkdtempSync(join(tmpdir(), 'pd-policy-action-'))
  })
  afterAll(() => {
    repo.cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  it('analyze and publish render the same section: sentences under the policy headings, linked at the head commit', async () => {
    const env = {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventFile('pull_request.fork.json', { base: repo.baseSha, head: repo.headSha }, dir),
      GITHUB_REPOSITORY: 'acme/linen-and-loom',
      GITHUB_WORKSPACE: repo.dir,
      GITHUB_SERVER_URL: 'https://github.com',
      RUNNER_TEMP: dir,
    }
    const client = new MemoryPrClient()
    const io = recordingIO({ 'github-token': 'ghs_x', 'fail-on': 'none' })
    const result = await run({ io, env, createClient: async () => client })
    expect(io.rec.failed).toBeUndefined()
    expect(result.status).toBe('ok')
    const body = client.comments[0]!.body
    const blob = `https://github.com/acme/linen-and-loom/blob/${repo.headSha}/docs/privacy.md`
    expect(body).toContain('#### Add to the privacy policy (`docs/privacy.md`)')
    expect(body).toContain(`- Under “What we collect” ([docs/privacy.md&#58;3](${blob}#L3)):`)
    expect(body).toContain(`- Under “Who receives your data” ([docs/privacy.md&#58;11](${blob}#L11)):`)
    expect(body).toMatch(/Mixpanel/)
    expect(body).toContain(`appends them to the marked section at [docs/privacy.md&#58;15](${blob}#L15)`)
    // The comment covers the items the PR adds: the phone number was undeclared before it, so it gets no sentence.
    const commentSection = body.slice(body.indexOf('#### Add to the privacy policy'), body.indexOf('<sub>'))
    expect(commentSection).toContain('the 4 new items')
    expect(commentSection).toContain('We collect your national identification number to &#91;purpose&#93;.')
    expect(commentSection).not.toMatch(/phone number/)
    // The job summary carries the sentences and where they go too, for every undeclared item.
    const summary = io.rec.summary.join('\n')
    const summarySection = summary.slice(summary.indexOf('### Add to the privacy policy (`docs/privacy.md`)'))
    expect(summarySection).toContain(`- Under “What we collect” ([docs/privacy.md&#58;3](${blob}#L3)):`)
    expect(summarySection).toContain('We collect your national identification number to &#91;purpose&#93;.')
    expect(summarySection).toMatch(/ {2}- We collect your [^\n]*phone number[^\n]* to &#91;purpose&#93;\./)
    expect(summarySection).toContain(
      `- Under “Who receives your data” ([docs/privacy.md&#58;11](${blob}#L11)):`,
    )
    expect(summarySection).toContain('  - We use Mixpanel, Inc. to understand how people use the product;')

    const report = readReportFile(io.rec.outputs['report-file']!)
    expect(report.github.policy?.display).toBe('docs/privacy.md')
    expect(report.github.policy?.additions.length).toBeGreaterThan(0)

    // The same comment from the artifact (the fork-safe publish job).
    const fork = JSON.parse(
      readFileSync(
        eventFile('pull_request.fork.json', { base: repo.baseSha, head: repo.headSha }, dir),
        'utf8',
      ),
    )
    const publishClient = new MemoryPrClient([toPullRequestInfo(fork.pull_request)])
    const pio = recordingIO({
      mode: 'publish',
      'report-file': io.rec.outputs['report-file']!,
      'github-token': 'ghs_w',
    })
    const penv = {
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_EVENT_PATH: eventFile(
        'workflow_run.completed.json',
        { base: repo.baseSha, head: repo.headSha },
        mkdtempSync(join(dir, 'ev-')),
      ),
      GITHUB_REPOSITORY: 'acme/linen-and-loom',
      GITHUB_WORKSPACE: dir,
    }
    await run({ io: pio, env: penv, createClient: async () => publishClient })
    expect(pio.rec.failed).toBeUndefined()
    const published = publishClient.comments[0]!.body
    const section = (b: string) =>
      b.slice(
        b.indexOf('#### Add to the privacy policy'),
        b.indexOf('<sub>', b.indexOf('#### Add to the privacy policy')),
      )
    expect(section(published)).toBe(section(body))
  })

  it('a report-file with a policy path outside the repository is refused', () => {
    const file = join(dir, 'bad.json')
    const good = JSON.parse(readFileSync(join(dir, 'privacy-drift-report.json'), 'utf8'))
    good.github.policy.file = '../../etc/passwd'
    writeFileSync(file, JSON.stringify(good))
    expect(() => readReportFile(file)).toThrow(/github\.policy\.file/)
  })
})
