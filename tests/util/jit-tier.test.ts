import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tiersChosen } from '../../src/util/jit-tier.js'

const MODULE = pathToFileURL(resolve(import.meta.dirname, '../../src/util/jit-tier.ts')).href

// A child process caps its tiers (or not), then runs a hot function in a worker thread: `--trace-opt` names every
// function V8 marks for TurboFan ("TURBOFAN", "TURBOFAN_JS" on Node 24).
const CHILD = `
import { capJitTier } from ${JSON.stringify(MODULE)}
import { Worker } from 'node:worker_threads'
capJitTier()
const hot = 'function hotLoop(a, b) { let s = 0; for (let i = 0; i < a.length; i++) s += a.charCodeAt(i) * b; return s }' +
  'let t = 0; for (let i = 0; i < 2000000; i++) t += hotLoop("hello world " + (i % 10), i)'
const worker = new Worker(hot, { eval: true })
await new Promise((done) => worker.on('exit', done))
`

/** The trace lines in which V8 marks `hotLoop` (run in a worker) for its optimising compiler. */
function turbofanMarks(nodeFlags: string[]): string[] {
  const out = execFileSync(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', '--trace-opt', '--input-type=module', '-e', CHILD],
    {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  )
  return out.split('\n').filter((line) => line.includes('hotLoop') && /TURBOFAN/.test(line))
}

describe('capJitTier', () => {
  it('keeps TurboFan out of worker threads started after it', () => {
    expect(turbofanMarks([])).toEqual([])
  })

  it('leaves the tiers alone when the user chose them', () => {
    expect(turbofanMarks(['--turbofan']).length).toBeGreaterThan(0)
  })
})

describe('tiersChosen', () => {
  it('sees a tier flag in Node’s arguments or NODE_OPTIONS', () => {
    expect(tiersChosen(['--no-opt'], undefined)).toBe(true)
    expect(tiersChosen(['--max-opt=3'], undefined)).toBe(true)
    expect(tiersChosen([], '--max-old-space-size=4096 --turbofan')).toBe(true)
  })

  it('ignores other flags, tracing flags named like a tier included', () => {
    expect(tiersChosen(['--trace-opt', '--max-old-space-size=4096'], undefined)).toBe(false)
    expect(tiersChosen([], '--enable-source-maps --optimize-for-size')).toBe(false)
    expect(tiersChosen([], undefined)).toBe(false)
  })
})
