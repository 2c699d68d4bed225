import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runScan } from '../../src/core/check.js'
import { loadRules } from '../../src/rules/load.js'
import { scanPaths } from '../../src/scan/scan-repository.js'
import { tempDir, writeFiles } from '../helpers/tmp.js'

const GOOD = {
  'src/analytics.ts': "import posthog from 'posthog-js'\nexport const init = () => posthog.init('k')\n",
  'src/user.ts': 'export interface User {\n  email: string\n  phoneNumber: string\n}\n',
}

/** The good files' inventory must survive whatever sits next to them. */
function expectGoodInventory(inv: Awaited<ReturnType<typeof runScan>>['inventory']): void {
  expect(inv.analytics.map((a) => a.vendor)).toContain('posthog')
  const cats = inv.personalData.map((p) => p.category)
  expect(cats).toContain('user.contact.email')
  expect(cats).toContain('user.contact.phone_number')
}

function noteFor(inv: Awaited<ReturnType<typeof runScan>>['inventory'], path: string): string {
  const notes = inv.notes.filter((n) => n.path === path)
  expect(notes.length, `a note for ${path}`).toBeGreaterThanOrEqual(1)
  return notes.map((n) => n.message).join(' | ')
}

describe('bad source input never stops a scan', () => {
  it('syntax errors: the file is scanned as far as it parses, with a note', async () => {
    const dir = tempDir()
    writeFiles(dir, {
      ...GOOD,
      'src/broken.ts': 'export interface Customer {\n  dateOfBirth: string\n}\nconst x = {{{ oops\n',
    })
    const { inventory } = await runScan({ root: dir })
    expectGoodInventory(inventory)
    expect(noteFor(inventory, 'src/broken.ts')).toMatch(/syntax error at 4:/)
    expect(
      inventory.personalData.find((p) => p.category === 'user.demographic.date_of_birth')?.evidence[0]?.path,
    ).toBe('src/broken.ts')
  })

  it('binary content in a .ts file is skipped with a note', async () => {
    const dir = tempDir()
    writeFiles(dir, GOOD)
    writeFileSync(
      join(dir, 'src/blob.ts'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0x00, 0x10]),
    )
    const { inventory } = await runScan({ root: dir })
    expectGoodInventory(inventory)
    expect(noteFor(inventory, 'src/blob.ts')).toMatch(/binary/)
  })

  it('a 50 MB file is skipped with a note, without reading it into the parser', async () => {
    const dir = tempDir()
    writeFiles(dir, GOOD)
    writeFileSync(join(dir, 'src/huge.ts'), 'export const email = "a@b.c"\n'.repeat(1_800_000))
    const { inventory } = await runScan({ root: dir })
    expectGoodInventory(inventory)
    expect(noteFor(inventory, 'src/huge.ts')).toMatch(/over the .* file limit/)
  })

  it('a minified bundle is skipped with a note', async () => {
    const dir = tempDir()
    writeFiles(dir, GOOD)
    const minified = Array.from(
      { length: 4000 },
      (_, i) => `var a${i}=function(b){return b.email+${i}};`,
    ).join('')
    writeFileSync(join(dir, 'src/vendor-chunk.js'), minified)
    const { inventory } = await runScan({ root: dir })
    expectGoodInventory(inventory)
    expect(noteFor(inventory, 'src/vendor-chunk.js')).toMatch(/minified/)
  })

  it('a small bundler chunk on one line is skipped too; hand-written code with one long data URI is scanned', async () => {
    const dir = tempDir()
    writeFiles(dir, GOOD)
    const chunk = Array.from({ length: 400 }, (_, i) => `this.jobTitle${i}={};`).join('')
    mkdirSync(join(dir, 'src/chunks'), { recursive: true })
    writeFileSync(join(dir, 'src/chunks/693.e0ca38056f3a2978.js'), `"use strict";${chunk}`)
    const code = [
      `export const logo = 'data:image/png;base64,${'A'.repeat(6000)}'`,
      ...Array.from({ length: 150 }, (_, i) => `export const line${i} = ${i}`),
      'export interface Member {',
      '  passportNumber: string',
      '}',
    ].join('\n')
    writeFileSync(join(dir, 'src/member.ts'), code)
    const { inventory } = await runScan({ root: dir })
    expect(noteFor(inventory, 'src/chunks/693.e0ca38056f3a2978.js')).toMatch(/minified/)
    expect(inventory.notes.filter((n) => n.path === 'src/member.ts')).toEqual([])
    expect(inventory.personalData.some((p) => p.evidence.some((e) => e.path === 'src/member.ts'))).toBe(true)
  })

  it('non-UTF-8, BOM and CRLF files are scanned', async () => {
    const dir = tempDir()
    writeFiles(dir, GOOD)
    writeFileSync(
      join(dir, 'src/bom.ts'),
      '\ufeffexport interface Member {\r\n  passportNumber: string\r\n}\r\n',
    )
    writeFileSync(
      join(dir, 'src/latin1.ts'),
      Buffer.concat([
        Buffer.from('// caf'),
        Buffer.from([0xe9]),
        Buffer.from('\nexport interface Guest {\n  lastName: string\n}\n'),
      ]),
    )
    const { inventory } = await runScan({ root: dir })
    expectGoodInventory(inventory)
    const byPath = (cat: string) =>
      inventory.personalData.find((p) => p.category === cat)?.evidence.map((e) => `${e.path}:${e.line}`)
    expect(byPath('user.government_id.passport_number')).toEqual(['src/bom.ts:2'])
    expect(byPath('user.name.last')).toEqual(['src/latin1.ts:3'])
  })

  it('symlink loops are not followed', async () => {
    const dir = tempDir()
    writeFiles(dir, GOOD)
    mkdirSync(join(dir, 'src/loop'))
    symlinkSync('..', join(dir, 'src/loop/parent'))
    symlinkSync(join(dir, 'src'), join(dir, 'src/self'))
    const { inventory } = await runScan({ root: dir })
    expectGoodInventory(inventory)
    expect(inventory.files).toBe(2)
  })

  it('an unreadable file becomes a note and the rest is complete', async () => {
    const dir = tempDir()
    writeFiles(dir, GOOD)
    const rules = loadRules()
    const facts = await scanPaths(dir, ['src/analytics.ts', 'src/gone.ts', 'src/user.ts'], {
      rules,
      workers: 0,
    })
    expect(facts.map((f) => f.path)).toEqual(['src/analytics.ts', 'src/gone.ts', 'src/user.ts'])
    expect(facts[1]!.notes[0]!.message).toMatch(/could not be read: ENOENT/)
    expect(facts[2]!.findings.length).toBeGreaterThan(0)
  })

  it('deeply nested expressions do not overflow the stack', async () => {
    const dir = tempDir()
    writeFiles(dir, GOOD)
    writeFileSync(
      join(dir, 'src/parens.ts'),
      `export const x = ${'('.repeat(50_000)}1${')'.repeat(50_000)}\n`,
    )
    writeFileSync(
      join(dir, 'src/sum.ts'),
      `export const y = ${Array.from({ length: 100_000 }, () => 'a').join(' + ')}\n`,
    )
    writeFileSync(join(dir, 'src/arrays.ts'), `export const z = ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`)
    const { inventory } = await runScan({ root: dir })
    expectGoodInventory(inventory)
  })

  it('a file with hundreds of thousands of identifiers is scanned', async () => {
    const dir = tempDir()
    writeFiles(dir, GOOD)
    const lines = Array.from({ length: 300_000 }, (_, i) => `  field${i}: string`)
    writeFileSync(
      join(dir, 'src/wide.ts'),
      `export interface Wide {\n${lines.join('\n')}\n  email: string\n}\n`,
    )
    const { inventory } = await runScan({ root: dir, maxFileBytes: 20_000_000 })
    expectGoodInventory(inventory)
    const wide = inventory.personalData
      .find((p) => p.category === 'user.contact.email')!
      .evidence.find((e) => e.path === 'src/wide.ts')
    expect(wide?.line).toBe(300_002)
  })
})
