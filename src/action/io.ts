import * as core from '@actions/core'
import type { Annotation } from '../report/annotations.js'
import { escapeControl } from '../util/text.js'

/** Where an annotation points. */
export interface AnnotationPlace {
  title?: string
  file?: string
  startLine?: number
  startColumn?: number
}

/**
 * Everything the action does to its runner, behind one interface: @actions/core in production, a recorder in
 * tests (the toolkit reads its environment at call time, so a fake keeps tests independent of process.env).
 */
export interface ActionIO {
  /** An input, trimmed; '' when unset. */
  getInput(name: string): string
  setOutput(name: string, value: string): void
  setSecret(value: string): void
  info(message: string): void
  debug(message: string): void
  warning(message: string, place?: AnnotationPlace): void
  error(message: string, place?: AnnotationPlace): void
  notice(message: string, place?: AnnotationPlace): void
  setFailed(message: string): void
  /** Appends markdown to the job summary; false when the runner gives no summary file (local runs). */
  appendSummary(markdown: string): Promise<boolean>
}

/**
 * A log line that cannot act on the runner: control characters visible, and no line of it can start a workflow
 * command (`::error::`, `::add-mask::` …), whatever a file name, payload or API response put in it.
 */
export function inertLog(message: string): string {
  return escapeControl(message, true).replace(/^(\s*):(?=:)/gm, '$1:\u200b')
}

/** The real runner, through @actions/core. */
export function coreIO(env: NodeJS.ProcessEnv = process.env): ActionIO {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: (value) => core.setSecret(value),
    info: (m) => core.info(inertLog(m)),
    // The toolkit escapes these messages' line breaks; control characters are ours to neutralise.
    debug: (m) => core.debug(escapeControl(m, true)),
    warning: (m, p) => core.warning(escapeControl(m, true), p ?? {}),
    error: (m, p) => core.error(escapeControl(m, true), p ?? {}),
    notice: (m, p) => core.notice(escapeControl(m, true), p ?? {}),
    setFailed: (m) => core.setFailed(escapeControl(m, true)),
    appendSummary: async (markdown) => {
      // core.summary throws without GITHUB_STEP_SUMMARY (e.g. a local run).
      if (!env.GITHUB_STEP_SUMMARY) return false
      await core.summary.addRaw(markdown).addEOL().write()
      return true
    },
  }
}

/** Emits annotations through the IO. */
export function emitAnnotations(io: ActionIO, annotations: readonly Annotation[]): void {
  for (const a of annotations) {
    const place: AnnotationPlace = { title: a.title }
    if (a.file) Object.assign(place, { file: a.file, startLine: a.startLine, startColumn: a.startColumn })
    io[a.level](a.message, place)
  }
}
