import * as core from '@actions/core'
import type { Annotation } from '../report/annotations.js'

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

/** The real runner, through @actions/core. */
export function coreIO(env: NodeJS.ProcessEnv = process.env): ActionIO {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: (value) => core.setSecret(value),
    info: (m) => core.info(m),
    debug: (m) => core.debug(m),
    warning: (m, p) => core.warning(m, p ?? {}),
    error: (m, p) => core.error(m, p ?? {}),
    notice: (m, p) => core.notice(m, p ?? {}),
    setFailed: (m) => core.setFailed(m),
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
