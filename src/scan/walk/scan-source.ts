import { ts } from 'ts-morph'
import type { FileScan } from '../file-scan.js'
import { SOURCE_DETECTORS } from '../detectors/source/index.js'
import { FileWalkContext } from './context.js'
import { createWalker } from './walker.js'
import { recordExportedFunctions } from './exported-functions.js'

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const createSourceFile = ts.createSourceFile
const flattenDiagnosticMessageText = ts.flattenDiagnosticMessageText

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  ts: ts.ScriptKind.TS,
  mts: ts.ScriptKind.TS,
  cts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
  js: ts.ScriptKind.JSX,
  mjs: ts.ScriptKind.JSX,
  cjs: ts.ScriptKind.JSX,
  jsx: ts.ScriptKind.JSX,
}

const PARSE_OPTIONS: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  // No detector reads JSDoc: not parsing it makes parsing documented code up to twice as fast.
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
}

/** No parent pointers: the walk gives detectors the ancestors, and setting them costs a second pass over the tree. */
const SET_PARENT_NODES = false

const walk = createWalker(SOURCE_DETECTORS)

/** Parses TS/JS source with the TypeScript parser and runs every source detector in one walk of the raw AST. */
export function scanSource(scan: FileScan, text: string, extension: string, lineOffset = 0): void {
  const kind = SCRIPT_KINDS[extension] ?? ts.ScriptKind.TSX
  const sf = createSourceFile(scan.path, text, PARSE_OPTIONS, SET_PARENT_NODES, kind)
  const ctx = new FileWalkContext(scan, sf, lineOffset)
  const diagnostics = (sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? []
  if (diagnostics.length > 0) {
    const d = diagnostics[0]!
    const pos = ctx.position(d.start ?? 0)
    scan.note(
      'info',
      `syntax error at ${pos.line}:${pos.column}: ${flattenDiagnosticMessageText(d.messageText, ' ')} (scanned what parsed)`,
    )
  }
  const first = scan.facts.findings.length
  walk(ctx)
  recordExportedFunctions(ctx, first)
  for (const e of ctx.embedded) scanSource(scan, e.code, 'jsx', e.line - 1)
}
