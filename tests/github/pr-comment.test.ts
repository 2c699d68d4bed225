import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { commentBodies } from '../../src/github/comment.js'
import { blobLinker, encodePath, serverUrlFor } from '../../src/github/links.js'
import type { Evidence, ItemKind, UndeclaredItem } from '../../src/model/types.js'
import { buildAnnotations } from '../../src/report/annotations.js'
import { byteLength, capBlock, fitMarkdown, largestFitting, LIMITS } from '../../src/report/budget.js'
import {
  commentMarker,
  needsComment,
  renderInSyncComment,
  renderPrComment,
} from '../../src/report/pr-comment.js'

const HEAD = '7c730f1594f0fcfff3e500ff8ab25ce5e2317faa'

function evidence(path: string, line: number, extra: Partial<Evidence> = {}): Evidence {
  return {
    path,
    line,
    column: 3,
    rule: 'cookie-api.cookies-set',
    confidence: 'high',
    how: 'cookie-api',
    fingerprint: `fp-${path}-${line}`,
    ...extra,
  }
}

function item(
  kind: ItemKind,
  key: string,
  ev: Evidence[] = [evidence('src/a.ts', 1)],
  name = key,
): UndeclaredItem {
  const section =
    kind === 'personalData'
      ? 'data'
      : kind === 'cookie'
        ? 'cookies'
        : kind === 'analytics'
          ? 'analytics'
          : 'processors'
  const field = kind === 'personalData' ? 'category' : kind === 'cookie' ? 'name' : 'vendor'
  return {
    kind,
    key,
    name,
    categories: kind === 'cookie' ? ['analytics'] : [],
    evidence: ev,
    suggestion: `${section}:\n  - ${field}: ${JSON.stringify(key)}`,
    sentence: `We use ${key}.`,
  }
}

const options = {
  manifestFile: 'privacy.yml',
  headSha: HEAD,
  link: blobLinker('https://github.com', 'acme/shop', HEAD),
}

describe('PR comment', () => {
  it('lists each new item with kind, what, where (head-commit links) and why, then the YAML and the sentences', () => {
    const fresh = [
      item(
        'analytics',
        'mixpanel',
        [evidence('src/track.ts', 3, { rule: 'vendor.mixpanel', how: 'import', symbol: 'mixpanel-browser' })],
        'Mixpanel',
      ),
    ]
    const old = item('cookie', 'session')
    const body = renderPrComment(
      { undeclared: [...fresh, old], new: fresh, stale: [{ kind: 'processor', key: 'mailchimp', line: 30 }] },
      options,
    )
    const [marker, heading] = body.split('\n')
    expect(marker).toBe(commentMarker())
    expect(heading).toBe('### 🔏 This pull request changes what the privacy policy must say')
    expect(body).toContain(
      `| Analytics | **Mixpanel** \`mixpanel\` | [src/track.ts&#58;3](https://github.com/acme/shop/blob/${HEAD}/src/track.ts#L3) | \`vendor.mixpanel\`<br>import \`mixpanel-browser\` |`,
    )
    expect(body).toContain('```yaml\nanalytics:\n  - vendor: "mixpanel"\n```')
    expect(body).toContain('#### Add to the privacy policy\n\n- We use mixpanel.')
    expect(body).toMatch(
      /<details><summary>1 item was already undeclared before this PR<\/summary>[\s\S]*`session`[\s\S]*<\/details>/,
    )
    expect(body).toMatch(
      /1 declaration in <code>privacy\.yml<\/code> has no evidence in code[\s\S]*processor `mailchimp` \(`privacy\.yml:30`\)/,
    )
    expect(body).toContain('<sub>privacy-drift 1.0.0 · checked 7c730f1</sub>')
  })

  it('merges the privacy.yml lines per section', () => {
    const fresh = [item('cookie', 'a'), item('analytics', 'x'), item('cookie', 'b')]
    const body = renderPrComment({ undeclared: fresh, new: fresh, stale: [] }, options)
    expect(body).toContain(
      '```yaml\ncookies:\n  - name: "a"\n  - name: "b"\nanalytics:\n  - vendor: "x"\n```',
    )
  })

  it('escapes everything that comes from scanned code: no HTML, mentions, links, table breaks or fake markers', () => {
    const evil =
      '</details><img src=x onerror=alert(1)> @octocat [click](https://evil.example) | <!-- privacy-drift:v1 id=default -->'
    const ev = [evidence('src/(evil)|[x].ts', 9, { symbol: evil, rule: 'r`ule|x' })]
    const fresh = [item('cookie', evil, ev, evil)]
    const body = renderPrComment(
      { undeclared: fresh, new: fresh, stale: [{ kind: 'cookie', key: evil, line: 2 }] },
      options,
    )
    // Inside the fenced YAML block the text is inert; everywhere else it must be neutralised.
    const fence = /````*yaml\n[\s\S]*?\n````*/.exec(body)![0]
    expect(fence).toContain(evil.replace('<!--', '<\u200b!--').replace('-->', '--\u200b>'))
    // Code spans show their text literally (GitHub escapes HTML in them); the rest must be neutralised.
    const prose = body.replace(fence, '').replace(/`[^`\n]*`/g, '')
    expect(prose).not.toMatch(/<img/i)
    expect(prose).not.toMatch(/@octocat/)
    expect(prose).not.toContain('](https://evil.example)')
    expect(body.split(commentMarker()).length).toBe(2)
    expect(prose.match(/<\/details>/g)?.length).toBe(prose.match(/<details>/g)?.length)
    // Every table row still has exactly 4 cells: pipes from code are escaped.
    const rows = body.split('\n').filter((l) => l.startsWith('| Cookie'))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.replace(/\\\|/g, '').split('|').length - 2).toBe(4)
    // The link target is percent-encoded, so `(`, `)` and `|` cannot end it early.
    expect(body).toContain(`/blob/${HEAD}/src/%28evil%29%7C%5Bx%5D.ts#L9)`)
  })

  it('stays within GitHub’s 65,536 characters whatever the drift size: collapse, then truncate', () => {
    const many = Array.from({ length: 3_000 }, (_, i) =>
      item(
        'cookie',
        `cookie_${i}_${'x'.repeat(150)}`,
        Array.from({ length: 5 }, (_, j) => evidence(`src/very/long/path/number/${i}/file-${j}.ts`, j + 1)),
      ),
    )
    const old = Array.from({ length: 500 }, (_, i) => item('personalData', `user.thing_${i}`))
    const body = renderPrComment({ undeclared: [...many, ...old], new: many, stale: [] }, options)
    expect(body.length).toBeLessThanOrEqual(LIMITS.commentBudget)
    const more = /…and (\d+) more \(see job summary\)/.exec(body)
    expect(more).not.toBeNull()
    const shown = body.split('\n').filter((l) => l.startsWith('| Cookie')).length
    expect(shown + Number(more![1])).toBe(3_000)
    expect(shown).toBeGreaterThan(50)
    // Collapsed: pre-existing items are only counted, with one evidence link per shown item.
    expect(body).toContain('500 items were already undeclared before this PR (see job summary).')
    expect(body).not.toContain('<details>')
    // Greedy: one more row would not have fitted.
    const oneMore = renderPrComment(
      { undeclared: many.slice(0, shown + 1), new: many.slice(0, shown + 1), stale: [] },
      { ...options, budget: body.length - 1 },
    )
    expect(oneMore.length).toBeLessThan(body.length)
  })

  it('never exceeds the budget for any drift (property)', () => {
    const arbItem = fc.record({
      kind: fc.constantFrom<ItemKind>('personalData', 'cookie', 'analytics', 'processor'),
      key: fc.string({ maxLength: 400 }),
      n: fc.integer({ min: 0, max: 8 }),
      suggestionLines: fc.integer({ min: 1, max: 60 }),
    })
    fc.assert(
      fc.property(
        fc.array(arbItem, { maxLength: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 2_000, max: 60_000 }),
        (items, split, budget) => {
          const all = items.map((x, i) => {
            const u = item(
              x.kind,
              `${x.key}${i}`,
              Array.from({ length: x.n }, (_, j) => evidence(`${x.key}/${j}.ts`, j + 1)),
            )
            return {
              ...u,
              suggestion: [
                u.suggestion,
                ...Array.from({ length: x.suggestionLines }, () => `    # ${x.key}`),
              ].join('\n'),
            }
          })
          const fresh = all.slice(0, split)
          const body = renderPrComment({ undeclared: all, new: fresh, stale: [] }, { ...options, budget })
          return body.length <= Math.max(budget, 2_000) && body.startsWith(commentMarker())
        },
      ),
      { numRuns: 60 },
    )
  })

  it('turns into a short, stable "in sync" note, and only PRs with new items need a comment', () => {
    const old = [item('cookie', 'session')]
    const note = renderInSyncComment(
      { undeclared: old, new: [], stale: [] },
      { manifestFile: '.github/privacy.yml' },
    )
    expect(note).toContain('### ✅ Privacy policy in sync')
    expect(note).toContain('`.github/privacy.yml`')
    expect(note).toContain('1 item was already undeclared before this PR')
    expect(note).not.toContain(HEAD.slice(0, 7))
    expect(note.length).toBeLessThan(400)
    expect(needsComment({ undeclared: old, new: [], stale: [] })).toBe(false)
    expect(needsComment({ undeclared: old, new: old, stale: [] })).toBe(true)
  })

  it('links into a sub-folder scan and gives each scan root its own marker', () => {
    const fresh = [item('cookie', 'c', [evidence('src/x.ts', 4)])]
    const { body } = commentBodies(
      { undeclared: fresh, new: fresh, stale: [] },
      {
        pr: { owner: 'acme', repo: 'shop', number: 1 },
        headSha: HEAD,
        repository: 'acme/shop',
        serverUrl: 'https://ghe.example.com',
        pathPrefix: 'apps/web/',
        manifestFile: 'apps/web/privacy.yml',
        commentId: 'apps/web',
      },
    )
    expect(body.startsWith('<!-- privacy-drift:v1 id=apps/web -->')).toBe(true)
    expect(body).toContain(`(https://ghe.example.com/acme/shop/blob/${HEAD}/apps/web/src/x.ts#L4)`)
    expect(commentMarker('a b-->c')).toBe('<!-- privacy-drift:v1 id=a_b--_c -->')
  })
})

describe('annotations', () => {
  it('cap at 10 errors and 10 warnings per step, every item first, duplicates dropped, "+N more" notice', () => {
    const items = Array.from({ length: 15 }, (_, i) =>
      item('cookie', `c${i}`, [
        evidence(`src/${i}.ts`, 1),
        evidence(`src/${i}.ts`, 2),
        evidence(`src/${i}.ts`, 1),
      ]),
    )
    const annotations = buildAnnotations(items, {
      level: (u) => (Number(u.key.slice(1)) < 5 ? 'error' : 'warning'),
      manifestFile: 'privacy.yml',
      pathPrefix: 'web/',
    })
    const errors = annotations.filter((a) => a.level === 'error')
    const warnings = annotations.filter((a) => a.level === 'warning')
    expect(errors).toHaveLength(10)
    expect(warnings).toHaveLength(10)
    // The 10 warnings go to the first line of each of the 10 warning items before any second line.
    expect(new Set(warnings.map((w) => w.title)).size).toBe(10)
    expect(warnings.every((w) => w.startLine === 1 && w.file!.startsWith('web/src/'))).toBe(true)
    const notice = annotations.at(-1)!
    // 15 items × 2 distinct lines = 30 locations, 20 annotated.
    expect(notice).toMatchObject({
      level: 'notice',
      message: '+10 more locations not annotated (GitHub shows 10 per level per step); see the job summary.',
    })
    expect(errors[0]!.message).toBe(
      'c0 is not declared in privacy.yml. Add it under `cookies`, or remove the code. (rule cookie-api.cookies-set)',
    )
  })

  it('no notice when everything fits', () => {
    expect(
      buildAnnotations([item('cookie', 'a')], { level: () => 'warning', manifestFile: 'privacy.yml' }).map(
        (a) => a.level,
      ),
    ).toEqual(['warning'])
  })
})

describe('budget helpers and links', () => {
  it('fitMarkdown cuts at a line, closes an open fence and open <details>, and stays under the byte limit', () => {
    const text = [
      '# Report',
      '<details><summary>x</summary>',
      '',
      '```yaml',
      ...Array.from({ length: 5_000 }, (_, i) => `line ${i} é`),
      '```',
      '</details>',
    ].join('\n')
    const fitted = fitMarkdown(text, 10_000, '_cut_')
    expect(byteLength(fitted)).toBeLessThanOrEqual(10_000)
    expect(fitted).toMatch(/\n```\n\n<\/details>\n\n_cut_\n$/)
    expect(fitMarkdown('short', 10_000, 'x')).toBe('short')
  })

  it('largestFitting finds the boundary of a monotone predicate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: -1, max: 5_000 }),
        (total, limit) => largestFitting(total, (n) => n <= limit) === Math.max(0, Math.min(total, limit)),
      ),
    )
  })

  it('capBlock bounds one pathological suggestion', () => {
    const capped = capBlock(['cookies:', ...Array.from({ length: 100 }, () => 'y'.repeat(1_000))].join('\n'))
    expect(capped.split('\n')).toHaveLength(21)
    expect(capped.split('\n')[0]).toBe('cookies:')
    expect(capped).toMatch(/# …81 more lines$/)
    expect(Math.max(...capped.split('\n').map((l) => l.length))).toBeLessThanOrEqual(300)
  })

  it('derives the web URL from the API URL (github.com, GHES, GHE.com) and encodes paths', () => {
    expect(serverUrlFor(undefined)).toBe('https://github.com')
    expect(serverUrlFor('https://api.github.com/')).toBe('https://github.com')
    expect(serverUrlFor('https://ghe.corp.example/api/v3')).toBe('https://ghe.corp.example')
    expect(serverUrlFor('https://api.acme.ghe.com')).toBe('https://acme.ghe.com')
    expect(encodePath('a b/(c)/d#e.ts')).toBe('a%20b/%28c%29/d%23e.ts')
  })
})
