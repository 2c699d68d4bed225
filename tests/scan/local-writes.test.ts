import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ts } from 'ts-morph'
import { describe, expect, it } from 'vitest'
import { collectWrites, mayBeWritten } from '../../src/scan/flows/bodies.js'

const root = join(import.meta.dirname, '../..')

/** Whether `name` may be written in the body of the only function of `code`. */
function may(code: string, name: string): boolean {
  const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const fn = sf.statements[0] as ts.FunctionDeclaration
  return mayBeWritten(code, fn.body!.pos, fn.body!.end, name)
}

describe('the text test before collecting a function’s writes', () => {
  it('finds every kind of write collectWrites reads', () => {
    for (const write of [
      'x = v',
      'x += v',
      'x ??= v',
      'x ||= v',
      'x.email = v',
      'x [k] = v',
      'x.push(v)',
      'x?.unshift(v)',
      'x.append("email", v)',
      'x.searchParams.set("e", v)',
      'Object.assign(x, v)',
      'x /* note */ = v',
      'x\n  .push(v)',
    ])
      expect(may(`function f(v) { let x; ${write} }`, 'x'), write).toBe(true)
  })

  it('passes over declarations, comparisons and reads', () => {
    for (const code of [
      'const x = v; send(x)',
      'let x = v; if (x == v) send(x.email)',
      'const x: T = v; send(x.trim(), (x) => x)',
      'const xs = v; xs.push(v); send(x)',
    ])
      expect(may(`function f(v) { ${code} }`, 'x'), code).toBe(false)
  })

  it('is a superset of collectWrites on the fixture code', () => {
    const files = readdirSync(join(root, 'fixtures'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|tsx|js|jsx|mjs)$/.test(f) && !f.includes('node_modules'))
      .map((f) => join('fixtures', f))
    let checked = 0
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8')
      const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind)
      const visit = (n: ts.Node): void => {
        if (ts.isFunctionLike(n) && (n as ts.FunctionLikeDeclaration).body) {
          const body = (n as ts.FunctionLikeDeclaration).body!
          for (const name of collectWrites(n).keys()) {
            checked++
            expect(mayBeWritten(text, body.pos, body.end, name), `${file}: ${name}`).toBe(true)
          }
        }
        ts.forEachChild(n, visit)
      }
      visit(sf)
    }
    expect(checked).toBeGreaterThan(20)
  })
})
