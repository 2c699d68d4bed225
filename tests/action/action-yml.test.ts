import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { readInputs } from '../../src/action/inputs.js'
import { setOutputs } from '../../src/action/publish.js'
import { PROJECT, recordingIO } from './helpers.js'

interface ActionYml {
  name: string
  description: string
  branding: { icon: string; color: string }
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

const action = parse(readFileSync(join(PROJECT, 'action.yml'), 'utf8')) as ActionYml

describe('action.yml', () => {
  it('runs the committed bundle on node24, with Marketplace branding', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(existsSync(join(PROJECT, action.runs.main))).toBe(true)
    expect(action.branding.icon).toBeTruthy()
    expect(action.description.length).toBeLessThanOrEqual(125)
  })

  it('documents exactly the inputs the action reads, each with a description and a default', () => {
    const read: string[] = []
    const io = recordingIO({})
    const getInput = io.getInput
    io.getInput = (name) => (read.push(name), getInput(name))
    readInputs(io)
    expect(Object.keys(action.inputs).sort()).toEqual([...new Set(read)].sort())
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description.length, name).toBeGreaterThan(20)
      expect(input.required ?? false, name).toBe(false)
      expect(input.default, name).toBeDefined()
    }
    expect(action.inputs['github-token']!.default).toBe('${{ github.token }}')
    expect(action.inputs['fail-on']!.default).toBe('new')
    expect(action.inputs.mode!.default).toBe('auto')
  })

  it('documents exactly the outputs the action sets', () => {
    const io = recordingIO({})
    setOutputs(io, { undeclared: 0, newCount: 0, reportFile: '/tmp/r.json' })
    expect(Object.keys(action.outputs).sort()).toEqual(Object.keys(io.rec.outputs).sort())
    expect(io.rec.outputs).toEqual({
      'in-sync': 'true',
      'undeclared-count': '0',
      'new-count': '0',
      'report-file': '/tmp/r.json',
      'comment-url': '',
    })
  })

  it('defaults match what readInputs assumes when an input is empty', () => {
    const inputs = readInputs(
      recordingIO(
        Object.fromEntries(
          Object.entries(action.inputs).map(([k, v]) => [k, k === 'github-token' ? '' : (v.default ?? '')]),
        ),
      ),
    )
    expect(inputs).toMatchObject({
      path: '.',
      comment: true,
      failOn: 'new',
      mode: 'auto',
      rules: [],
      include: [],
      exclude: [],
      manifest: '',
      sarifFile: '',
      reportFile: '',
      reviewComments: true,
      reviewEvent: 'comment',
    })
  })

  it('splits multi-line glob inputs and ignores blank and comment lines', () => {
    const inputs = readInputs(
      recordingIO({ exclude: 'scripts/**\n\n# generated\n  vendor/**  \n', include: 'src/**,app/**' }),
    )
    expect(inputs.exclude).toEqual(['scripts/**', 'vendor/**'])
    expect(inputs.include).toEqual(['src/**', 'app/**'])
    expect(() => readInputs(recordingIO({ comment: 'yes' }))).toThrow(
      'input `comment` must be true or false; got `yes`',
    )
  })
})
