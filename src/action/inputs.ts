import { UsageError } from '../util/errors.js'
import type { ActionIO } from './io.js'

export type FailOn = 'none' | 'new' | 'any'
export type Mode = 'auto' | 'analyze' | 'publish'
export type ReviewEventInput = 'comment' | 'request-changes'

/** The action's inputs, validated once (action.yml documents each). */
export interface ActionInputs {
  /** privacy.yml, relative to `path`; '' = look it up. */
  manifest: string
  /** Folder to scan, relative to the workspace. */
  path: string
  token: string
  comment: boolean
  failOn: FailOn
  mode: Mode
  /** Where to write SARIF; '' = none. */
  sarifFile: string
  rules: string[]
  include: string[]
  exclude: string[]
  /** Where analyze writes / publish reads the JSON report; '' = default location. */
  reportFile: string
  /** Line comments on the diff lines that add new items (with `comment`). */
  reviewComments: boolean
  /** The review's event: a plain comment, or a change request. */
  reviewEvent: ReviewEventInput
}

const choice = <T extends string>(io: ActionIO, name: string, allowed: readonly T[], fallback: T): T => {
  const value = io.getInput(name) || fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new UsageError(`input \`${name}\` must be one of ${allowed.join(', ')}; got \`${value}\``)
}

/** YAML 1.2 core-schema booleans, as @actions/core getBooleanInput accepts them. */
const bool = (io: ActionIO, name: string, fallback: boolean): boolean => {
  const value = io.getInput(name)
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new UsageError(`input \`${name}\` must be true or false; got \`${value}\``)
}

/** One glob or folder per line (commas also separate, for one-line workflow values); blank lines ignored. */
const list = (io: ActionIO, name: string): string[] =>
  io
    .getInput(name)
    .split(/\r?\n|,/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'))

/** Reads and validates every input; a bad value is a UsageError naming the input and the expected form. */
export function readInputs(io: ActionIO): ActionInputs {
  return {
    manifest: io.getInput('manifest'),
    path: io.getInput('path') || '.',
    token: io.getInput('github-token'),
    comment: bool(io, 'comment', true),
    failOn: choice(io, 'fail-on', ['none', 'new', 'any'], 'new'),
    mode: choice(io, 'mode', ['auto', 'analyze', 'publish'], 'auto'),
    sarifFile: io.getInput('sarif-file'),
    rules: list(io, 'rules'),
    include: list(io, 'include'),
    exclude: list(io, 'exclude'),
    reportFile: io.getInput('report-file'),
    reviewComments: bool(io, 'review-comments', true),
    reviewEvent: choice(io, 'review-event', ['comment', 'request-changes'], 'comment'),
  }
}
