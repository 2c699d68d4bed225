import { describe, expect, it } from 'vitest'
import { parseManifest } from '../../src/manifest/load.js'
import { loadRules } from '../../src/rules/load.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { ConfigError, formatProblem, type Problem } from '../../src/util/errors.js'
import { closest, editDistance } from '../../src/util/suggest.js'
import { runCli } from '../helpers/cli.js'
import { tempDir, writeFiles } from '../helpers/tmp.js'

const rules = loadRules()

function problems(text: string): Problem[] {
  try {
    parseManifest(text, 'privacy.yml', rules)
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as ConfigError).problems
  }
  throw new Error('expected a ConfigError')
}

describe('a hostile privacy.yml costs bounded time and memory, and reads well', () => {
  it('a 200 KB unknown purpose, category or vendor: quoted in 80 characters, no suggestion computed', () => {
    const huge = 'x'.repeat(200_000)
    const found = problems(
      `version: 1\ndata:\n  - category: ${huge}\n    purposes: [${huge}]\nprocessors:\n  - vendor: ${huge}\n`,
    )
    expect(found.map((p) => p.message)).toEqual([
      `unknown data category "${'x'.repeat(79)}…"`,
      `unknown purpose "${'x'.repeat(79)}…"`,
      `unknown vendor "${'x'.repeat(79)}…"`,
    ])
    for (const p of found) expect(formatProblem(p).length).toBeLessThan(400)
  })

  it('99 aliases of a 4 MB string: every problem short', () => {
    const text = `version: 1\ndata:\n  - category: user.name\n    purposes: [&a ${'p'.repeat(4_000_000)}${', *a'.repeat(99)}]\n`
    const found = problems(text)
    expect(found).toHaveLength(100)
    expect(found[99]!.key).toBe('data[0].purposes[99]')
    expect(Math.max(...found.map((p) => formatProblem(p).length))).toBeLessThan(400)
  })

  it('a near miss is still suggested, and edit distance gives up once past its limit', () => {
    expect(closest('user.contact.emial', [...rules.categories.keys()])).toBe('user.contact.email')
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('ab', 'ba')).toBe(1)
    expect(editDistance('a'.repeat(1000), 'b', 2)).toBe(3)
  })

  it('100,000 levels of nesting: a located error, not a stack overflow', () => {
    const depth = 100_000
    for (const [text, line, column] of [
      [`version: 1\ndata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, 2, 107],
      [`version: 1\ndata:\n  ${'- '.repeat(depth)}x\n`, 3, 203],
      [`version: 1\nignore: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`, 2, 409],
    ] as const) {
      const [p] = problems(text)
      expect(p).toMatchObject({ line, column, message: 'YAML nests more than 100 levels deep here' })
    }
    // Nested by indentation alone (the parser's token tree is measured): the mapping that opens level 101.
    const indented = Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k:\n`).join('')
    expect(problems(`version: 1\nignore:\n${indented}`)[0]).toMatchObject({
      line: 103,
      column: 101,
      message: 'YAML nests more than 100 levels deep here',
    })
    // Nesting a manifest actually uses is fine.
    expect(() =>
      parseManifest(
        'version: 1\ndata:\n  - category: user.name\n    purposes: [a.b]\n',
        'privacy.yml',
        rules,
      ),
    ).toThrow(/unknown purpose "a\.b"/)
  })

  it('stops after 100 problems in a file full of mistakes', () => {
    const text = `version: 1\ndata:\n${Array.from({ length: 20_000 }, (_, i) => `  - category: not.a.category${i}\n`).join('')}`
    const found = problems(text)
    expect(found).toHaveLength(101)
    expect(found[0]).toMatchObject({ line: 3, key: 'data[0].category' })
  })
})

describe('globs from the repository or the command line are bounded', () => {
  const extglobs = (n: number): string => Array.from({ length: n }, () => '@(a|b)').join('')

  it('ignore.paths and cookie names with hundreds of extglobs, or braces that explode: located errors', () => {
    const found = problems(
      `version: 1\ncookies:\n  - name: "${extglobs(40)}"\n    purpose: functional\nignore:\n  paths: ["${extglobs(300)}", "${'{a,b}'.repeat(10)}"]\n`,
    )
    expect(found.map((p) => `${p.line}:${p.key} ${p.message}`)).toEqual([
      expect.stringMatching(
        /^6:ignore\.paths\[0\] glob "@\(a\|b\).*…" is 1800 characters long; the limit is 1000$/,
      ),
      expect.stringMatching(
        /^6:ignore\.paths\[1\] glob ".*" expands to 1000 or more patterns \(\{a,b\} braces\); the limit is 999$/,
      ),
      expect.stringMatching(
        /^3:cookies\[0\]\.name cookie name "@\(a\|b\).*…" has 40 extglob groups such as \+\(…\); the limit is 32$/,
      ),
    ])
  })

  it('--exclude with hundreds of extglobs: a usage error, no stack trace', async () => {
    const dir = tempDir()
    writeFiles(dir, { 'privacy.yml': 'version: 1\n', 'src/a.ts': 'export const a = 1\n' })
    for (const [glob, why] of [
      [extglobs(300), 'is 1800 characters long; the limit is 1000'],
      [extglobs(100), 'has 100 extglob groups such as +(…); the limit is 32'],
    ] as const) {
      const r = await runCli(['check', dir, '--exclude', glob])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/^privacy-drift: glob "@\(a\|b\)[^\n]*…" /)
      expect(r.stderr.endsWith(`${why}\n`)).toBe(true)
    }
  })
})

describe('a package.json that is not an object', () => {
  it('null, an array, a string or broken JSON: a note that says so, never a JavaScript message', () => {
    const note = (text: string): string =>
      scanFile('package.json', text, rules)
        .notes.map((n) => n.message)
        .join()
    expect(note('null')).toBe('package.json is null, not a JSON object; its dependencies were not read')
    expect(note('["a"]')).toBe('package.json is an array, not a JSON object; its dependencies were not read')
    expect(note('"x"')).toBe('package.json is a string, not a JSON object; its dependencies were not read')
    expect(note('{"dependencies": {"stripe": "1"}')).toBe(
      'package.json is not valid JSON: it ends too early (truncated?); its dependencies were not read',
    )
    expect(scanFile('composer.json', 'null', rules).notes.map((n) => n.message)).toEqual([
      'composer.json is null, not a JSON object; its dependencies were not read',
    ])
  })
})

describe('a package.json with tens of thousands of dependencies', () => {
  /** Characters String#indexOf looks at while `run` runs: the work of locating names, counted rather than timed. */
  function searchWork(run: () => void): number {
    const indexOf = String.prototype.indexOf
    let units = 0
    String.prototype.indexOf = function (this: string, needle: string, from?: number) {
      const start = Math.max(0, Math.min(from ?? 0, this.length))
      const at = indexOf.call(this, needle, start)
      units += (at < 0 ? this.length : at + needle.length) - start + 1
      return at
    }
    try {
      run()
    } finally {
      String.prototype.indexOf = indexOf
    }
    return units
  }

  const manifest = (n: number): string => {
    const deps = Object.fromEntries(Array.from({ length: n }, (_, i) => [`pkg-${i}`, '1.0.0']))
    return JSON.stringify({ name: 'x', devDependencies: deps, dependencies: deps }, null, 2)
  }

  it('locates each name in its own block, in work linear in the file (4 times the names, at most 6 times the work)', () => {
    let facts = scanFile('package.json', manifest(4000), rules).dependencies
    const small = searchWork(() => (facts = scanFile('package.json', manifest(4000), rules).dependencies))
    const large = searchWork(() => scanFile('package.json', manifest(16_000), rules))
    expect(large / small, `work ${small} → ${large}`).toBeLessThan(6)
    // dependencies come second in the text, devDependencies first: each name is found in its own block.
    expect(facts.find((d) => d.name === 'pkg-7' && !d.dev)).toMatchObject({ line: 4006 + 7, column: 5 })
    expect(facts.find((d) => d.name === 'pkg-7' && d.dev)).toMatchObject({ line: 4 + 7, column: 5 })
  })
})
