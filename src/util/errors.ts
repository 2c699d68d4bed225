import { escapeControl } from './text.js'

/** One located problem in a configuration or rule file. */
export interface Problem {
  file: string
  line: number
  column: number
  message: string
  /** The offending key path, e.g. `processors[2].vendor`. */
  key?: string
  hint?: string
}

/** A user-facing error in configuration, rules or inputs: printed without a stack, exit code 2. */
export class ConfigError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'))
    this.name = 'ConfigError'
  }
}

/** A wrong command-line usage: exit code 2. Control characters in the message are made visible. */
export class UsageError extends Error {
  constructor(message: string) {
    super(escapeControl(message, true))
    this.name = 'UsageError'
  }
}

/** `file:line:column key: message — hint`, one line whatever the problem quotes. */
export function formatProblem(p: Problem): string {
  const where = `${escapeControl(p.file)}:${p.line}:${p.column}`
  const key = p.key ? ` ${escapeControl(p.key)}:` : ''
  const hint = p.hint ? ` — ${escapeControl(p.hint)}` : ''
  return `${where}${key} ${escapeControl(p.message)}${hint}`
}
