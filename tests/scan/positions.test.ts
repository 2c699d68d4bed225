import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ts } from 'ts-morph'
import { describe, expect, it } from 'vitest'
import { FileScan } from '../../src/scan/file-scan.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { FileWalkContext } from '../../src/scan/walk/context.js'
import { createWalker } from '../../src/scan/walk/walker.js'
import { rules } from './fixture.js'

const path = 'fixtures/detectors/walk-context/track.ts'
const text = readFileSync(join(import.meta.dirname, '../..', path), 'utf8')

const ALL_KINDS = Array.from({ length: ts.SyntaxKind.Count }, (_, k) => k as ts.SyntaxKind)

/** The walk's position of every node's start, and TypeScript's own line and character of it (1-based). */
function positions(source: string): { walk: string[]; typescript: string[] } {
  const sf = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const walk: string[] = []
  const typescript: string[] = []
  const probe = {
    name: 'probe',
    kinds: ALL_KINDS,
    visit(node: ts.Node, ctx: FileWalkContext) {
      const { line, column } = ctx.pos(node)
      walk.push(`${line}:${column}`)
      const ts0 = sf.getLineAndCharacterOfPosition(node.getStart(sf))
      typescript.push(`${ts0.line + 1}:${ts0.character + 1}`)
    },
  }
  createWalker([probe as never])(new FileWalkContext(new FileScan(path, source, rules), sf, 0))
  return { walk, typescript }
}

describe('positions in the walk', () => {
  // The walk splits lines at `\n` with the string's own search; TypeScript also breaks lines at a lone `\r` and at
  // U+2028 / U+2029, so a text with any of those must give the positions TypeScript gives.
  const variants: [string, string][] = [
    ['\\n line ends', text],
    ['\\r\\n line ends', text.replaceAll('\n', '\r\n')],
    ['lone \\r line ends', text.replaceAll('\n', '\r')],
    ['a lone \\r in one line', text.replace('\n', '\r')],
    ['a line separator in a comment', text.replace('\n', ' // a\u2028b\n')],
    ['a paragraph separator in a string', text.replace("'theme'", "'the\u2029me'")],
  ]
  for (const [name, source] of variants)
    it(`are TypeScript's, with ${name}`, () => {
      const { walk, typescript } = positions(source)
      expect(walk.length).toBeGreaterThan(100)
      expect(walk).toEqual(typescript)
    })

  it('puts findings on the lines TypeScript counts, with a lone \\r among the line ends', () => {
    const where = (source: string): string[] =>
      scanFile(path, source, rules).findings.map(
        (f) => `${f.kind} ${f.key} ${f.evidence.line}:${f.evidence.column}`,
      )
    const lines = where(text)
    expect(lines.length).toBeGreaterThan(3)
    // A lone `\r` ends a line as `\n` does: every finding stays where it was.
    expect(where(text.replace('\n', '\r'))).toEqual(lines)
  })
})

describe('minified files', () => {
  /** `lines` lines of `width` characters and a final line end. */
  const code = (lines: number, width: number): string =>
    Array.from(
      { length: lines },
      (_, i) => `const v${i} = '${'x'.repeat(width - 12 - String(i).length)}'\n`,
    ).join('')

  it('are files whose lines average over 300 characters, counted up to where the average is known', () => {
    // 20 lines of 314 characters and their line ends, and the empty line after the last: 6,300 / 21 = 300.
    const at300 = code(20, 314)
    expect(at300.length / at300.split('\n').length).toBe(300)
    expect(scanFile('src/a.ts', at300, rules).notes).toEqual([])
    const over = code(20, 315)
    expect(over.length / over.split('\n').length).toBeGreaterThan(300)
    expect(scanFile('src/a.ts', over, rules).notes.map((n) => n.message)).toEqual([
      'skipped: looks minified or generated (very long lines)',
    ])
  })
})
