import { describe, expect, it } from 'vitest'
import { loadRules } from '../../src/rules/load.js'
import { ModuleIndex } from '../../src/scan/inventory.js'
import { scanFile } from '../../src/scan/scan-file.js'

const rules = loadRules([])

/** Facts of a small tree: path → source. */
const tree = (files: Record<string, string>) =>
  Object.entries(files)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, code]) => scanFile(path, code, rules))

const TSCONFIG = JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } })

const head = tree({
  'tsconfig.json': TSCONFIG,
  'src/app.ts':
    "import { track } from './track'\nimport { send } from '@lib/mail'\nimport { log } from './log'",
  // Added in the head: shadows the folder's index the base resolves `./track` to.
  'src/track.ts': 'export const track = 1',
  'src/track/index.ts': 'export const track = 2',
  'src/lib/mail.ts': 'export const send = 1',
  'src/log/index.ts': 'export const log = 1',
})

const base = tree({
  'tsconfig.json': TSCONFIG,
  'src/app.ts':
    "import { track } from './track'\nimport { send } from '@lib/mail'\nimport { log } from './log'",
  'src/track/index.ts': 'export const track = 2',
  'src/lib/mail.ts': 'export const send = 1',
  'src/log/index.ts': 'export const log = 1',
  // Deleted in the head: the base resolves `./log` to it, the head to the folder's index.
  'src/log.ts': 'export const log = 0',
})

const answers = (index: ModuleIndex) =>
  ['./track', '@lib/mail', './log', 'react'].map((s) => index.resolve('src/app.ts', s)?.path)

describe('module index reused by a PR check base', () => {
  it('answers as a fresh index does when files were added and deleted', () => {
    const headIndex = new ModuleIndex(head)
    expect(answers(headIndex)).toEqual(['src/track.ts', 'src/lib/mail.ts', 'src/log/index.ts', undefined])
    const reused = new ModuleIndex(base, headIndex)
    expect(answers(reused)).toEqual(answers(new ModuleIndex(base)))
    expect(answers(reused)).toEqual(['src/track/index.ts', 'src/lib/mail.ts', 'src/log.ts', undefined])
  })

  it('answers with the facts of its own files', () => {
    const headIndex = new ModuleIndex(head)
    answers(headIndex)
    const reused = new ModuleIndex(base, headIndex)
    expect(reused.resolve('src/app.ts', '@lib/mail')).toBe(base.find((f) => f.path === 'src/lib/mail.ts'))
  })

  it('resolves afresh when the aliases differ', () => {
    const moved = tree({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/log/*'] } },
      }),
      'src/app.ts': "import { send } from '@lib/index'",
      'src/lib/index.ts': 'export const send = 1',
      'src/log/index.ts': 'export const log = 1',
    })
    const first = tree({
      'tsconfig.json': TSCONFIG,
      'src/app.ts': "import { send } from '@lib/index'",
      'src/lib/index.ts': 'export const send = 1',
      'src/log/index.ts': 'export const log = 1',
    })
    const headIndex = new ModuleIndex(first)
    expect(headIndex.resolve('src/app.ts', '@lib/index')?.path).toBe('src/lib/index.ts')
    expect(new ModuleIndex(moved, headIndex).resolve('src/app.ts', '@lib/index')?.path).toBe(
      'src/log/index.ts',
    )
  })
})
