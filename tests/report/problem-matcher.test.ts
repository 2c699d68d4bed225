import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import { runCheck, runScan } from '../../src/core/check.js'
import { renderText } from '../../src/report/text.js'
import { KIND_LABEL } from '../../src/report/labels.js'

interface Pattern {
  regexp: string
  file: number
  line: number
  column: number
  message: number
  code?: number
}
const matchers = (
  JSON.parse(readFileSync('.github/privacy-drift-matcher.json', 'utf8')) as {
    problemMatcher: { owner: string; severity: string; pattern: Pattern[] }[]
  }
).problemMatcher

/** Runs the matchers over output the way the runner and VS Code do: line by line, first matcher wins. */
function problems(
  output: string,
): { owner: string; file: string; line: number; column: number; message: string; code?: string }[] {
  const found = []
  for (const line of output.split('\n'))
    for (const m of matchers) {
      const p = m.pattern[0]!
      const hit = new RegExp(p.regexp).exec(line)
      if (!hit) continue
      found.push({
        owner: m.owner,
        file: hit[p.file]!,
        line: Number(hit[p.line]),
        column: Number(hit[p.column]),
        message: hit[p.message]!,
        code: p.code ? hit[p.code] : undefined,
      })
      break
    }
  return found
}

/** Colour codes removed (ESC built from its code, so the pattern holds no control character). */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')
const stripAnsi = (s: string): string => s.replace(ANSI, '')

const root = 'fixtures/demo-shop'
const outcome = await runCheck({ root, manifest: 'privacy.yml' })

describe('the problem matcher reads the text report', () => {
  it.each([false, true])(
    'every shown evidence line of an undeclared item is one problem (color %s)',
    (color) => {
      const text = renderText(outcome.inventory, outcome.drift, { color, manifestFile: 'privacy.yml' })
      const found = problems(text).filter((p) => p.owner === 'privacy-drift')
      const expected = outcome.drift.undeclared.flatMap((u) =>
        u.evidence.slice(0, 3).map((e) => ({
          owner: 'privacy-drift',
          file: e.path,
          line: e.line,
          column: e.column,
          message: `undeclared ${KIND_LABEL[u.kind].one} ${u.key}${e.symbol ? `  ${e.symbol}` : ''}`,
          code: e.rule,
        })),
      )
      expect(found.map((f) => ({ ...f, message: stripAnsi(f.message) }))).toEqual(expected)
      for (const f of found) expect(existsSync(join(root, f.file))).toBe(true)
    },
  )

  it('stale declarations point at privacy.yml', () => {
    const text = renderText(outcome.inventory, outcome.drift, { color: false, manifestFile: 'privacy.yml' })
    const stale = problems(text).filter((p) => p.owner === 'privacy-drift-stale')
    expect(stale).toEqual(
      outcome.drift.stale.map((s) => ({
        owner: 'privacy-drift-stale',
        file: 'privacy.yml',
        line: s.line,
        column: 1,
        message: `declared ${KIND_LABEL[s.kind].one} ${s.key} has no evidence in code`,
        code: undefined,
      })),
    )
    expect(readFileSync(join(root, 'privacy.yml'), 'utf8').split('\n')[stale[0]!.line - 1]).toContain(
      stale[0]!.message.split(' ')[2],
    )
  })

  it('new items say so; an inventory (scan) and an in-sync check give no problems', async () => {
    const withNew = { ...outcome.drift, new: outcome.drift.undeclared.slice(0, 1) }
    const text = renderText(outcome.inventory, withNew, { color: false })
    expect(problems(text).filter((p) => p.message.startsWith('new undeclared')).length).toBe(
      Math.min(3, withNew.new[0]!.evidence.length),
    )
    const scan = await runScan({ root })
    expect(problems(renderText(scan.inventory, undefined, { color: false }))).toEqual([])
    const inSync = { undeclared: [], stale: [], covered: outcome.drift.covered, new: [] }
    expect(problems(renderText(outcome.inventory, inSync, { color: false }))).toEqual([])
  })
})

describe('the VS Code task in the README', () => {
  it('matches the same problems as the action’s matcher', () => {
    const readme = readFileSync('README.md', 'utf8')
    const block = /```jsonc\n\/\/ \.vscode\/tasks\.json\n([\s\S]*?)```/.exec(readme)![1]!
    const regexp = new RegExp(JSON.parse(/"regexp": ("(?:[^"\\]|\\.)*")/.exec(block)![1]!) as string)
    const text = renderText(outcome.inventory, outcome.drift, { color: false, manifestFile: 'privacy.yml' })
    const vscode = text.split('\n').flatMap((l) => {
      const m = regexp.exec(l)
      return m ? [`${m[1]}:${m[2]}:${m[3]} ${m[4]} ${m[5] ?? ''}`] : []
    })
    const ours = problems(text).map((p) => `${p.file}:${p.line}:${p.column} ${p.message} ${p.code ?? ''}`)
    expect(vscode).toEqual(ours)
    expect(vscode.length).toBeGreaterThan(10)
  })
})

describe('pre-commit hook', () => {
  it('runs `privacy-drift check --fail-on any` once per commit with the node language', () => {
    const hooks = parseYaml(readFileSync('.pre-commit-hooks.yaml', 'utf8')) as Record<string, unknown>[]
    expect(hooks).toHaveLength(1)
    const hook = hooks[0]!
    expect(hook).toMatchObject({
      id: 'privacy-drift',
      entry: 'privacy-drift check --fail-on any',
      language: 'node',
      pass_filenames: false,
    })
    // The entry names the package's own binary, which pre-commit installs from this repository.
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> }
    expect(Object.keys(pkg.bin)).toContain(String(hook.entry).split(' ')[0])
  })
})
