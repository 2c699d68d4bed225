import {
  Composer,
  LineCounter,
  Parser,
  YAMLParseError,
  isMap,
  isScalar,
  isSeq,
  type CST,
  type Document,
  type Node,
} from 'yaml'
import type { z } from 'zod'
import { ConfigError, type Problem } from './errors.js'
import { escapeControl, quote } from './text.js'

/** A parsed YAML file that can locate any key path back to file:line:column. */
export interface LocatedYaml {
  file: string
  doc: Document
  lineCounter: LineCounter
  value: unknown
}

/** The largest YAML file privacy-drift reads (privacy.yml, rule files). */
export const MAX_YAML_BYTES = 5 * 1024 * 1024
/** Collections inside collections; privacy.yml needs four, rule files six. */
const MAX_YAML_DEPTH = 100
/** Problems reported for one file: enough to act on, bounded for a file full of mistakes. */
export const MAX_PROBLEMS = 100

/** Parses YAML strictly (duplicate keys, alias bombs, deep nesting and syntax errors are errors, located). */
export function parseLocatedYaml(text: string, file: string): LocatedYaml {
  if (text.length > MAX_YAML_BYTES)
    throw new ConfigError([
      { file, line: 1, column: 1, message: `file is ${text.length} bytes; the limit is ${MAX_YAML_BYTES}` },
    ])
  // The document builder recurses once per level (100,000 levels overflow the stack, or exhaust memory), so the
  // depth is measured first: a quick look at the text, then the parser's token tree, walked without recursion,
  // and the same tokens are built into the document.
  let deep = bracketsTooDeepAt(text, MAX_YAML_DEPTH)
  const lineCounter = new LineCounter()
  const tokens = deep === undefined ? [...new Parser(lineCounter.addNewLine).parse(text)] : []
  deep ??= tooDeepAt(tokens, MAX_YAML_DEPTH)
  if (deep !== undefined) {
    const before = text.slice(0, deep)
    throw new ConfigError([
      {
        file,
        line: before.split('\n').length,
        column: deep - before.lastIndexOf('\n'),
        message: `YAML nests more than ${MAX_YAML_DEPTH} levels deep here`,
        hint: 'a privacy-drift file needs a few levels; check for runaway brackets or dashes',
      },
    ])
  }
  const doc = composeOne(tokens, text.length)
  const problems: Problem[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0])
    return { file, line: pos.line, column: pos.col, message: yamlMessage(e.message, e.code) }
  })
  if (problems.length > 0) throw new ConfigError(problems)
  let value: unknown
  try {
    // maxAliasCount stops "billion laughs" alias expansion.
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (e) {
    throw new ConfigError([
      { file, line: 1, column: 1, message: `cannot expand YAML: ${(e as Error).message}` },
    ])
  }
  return { file, doc, lineCounter, value }
}

/**
 * A quick look before any parsing, for the two shapes that cost most (megabytes of `[[[[`, or of `- - - -`, take
 * the parser seconds): the offset of the bracket or dash that opens level `max + 1`, or undefined. Quoted text
 * and comments are skipped; brackets inside a plain scalar may be over-counted, which only matters past `max`.
 */
function bracketsTooDeepAt(text: string, max: number): number | undefined {
  let depth = 0
  let previous = '\n'
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (previous === '\n') {
      // Compact nesting at the start of a line: `- - - x`, `? ? x`.
      let dashes = 0
      let j = i
      while (text[j] === ' ' || text[j] === '\t') j++
      while ((text[j] === '-' || text[j] === '?') && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
        if (++dashes > max) return j
        j += 2
        while (text[j] === ' ' || text[j] === '\t') j++
      }
    }
    if (c === '#' && (previous === ' ' || previous === '\t' || previous === '\n')) {
      const end = text.indexOf('\n', i)
      if (end === -1) return undefined
      i = end - 1
    } else if ((c === '"' || c === "'") && /[\n:\-[{,?]/.test(previous)) {
      i = closingQuote(text, i)
    } else if (c === '[' || c === '{') {
      if (++depth > max) return i
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1)
    }
    if (c === '\n' || (c !== ' ' && c !== '\t' && c !== '\r')) previous = c
  }
  return undefined
}

/** The offset of the quote that closes the quoted scalar opened at `start` (or the end of the text). */
function closingQuote(text: string, start: number): number {
  const q = text[start]
  for (let i = start + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++
      else return i
    }
  }
  return text.length
}

/** What parseDocument does (strict, duplicate keys refused), from tokens already parsed. */
function composeOne(tokens: readonly CST.Token[], length: number): Document.Parsed {
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, strict: true })
  let doc: Document.Parsed | undefined
  for (const next of composer.compose(tokens, true, length)) {
    if (!doc) doc = next
    else {
      doc.errors.push(
        new YAMLParseError(
          [next.range[0], next.range[1]],
          'MULTIPLE_DOCS',
          'Source contains multiple documents',
        ),
      )
      break
    }
  }
  return doc!
}

/** The offset of the first collection nested deeper than `max`, or undefined. Iterative: any depth is safe. */
function tooDeepAt(tokens: readonly CST.Token[], max: number): number | undefined {
  const stack: [CST.Token | null | undefined, number][] = tokens.map((t) => [t, 0])
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [token, outer] = top
    if (!token) continue
    if (token.type === 'document') {
      stack.push([token.value, outer])
      continue
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue
    const depth = outer + 1
    if (depth > max) return token.offset
    for (const item of token.items) {
      if ('key' in item) stack.push([item.key, depth])
      stack.push([item.value, depth])
    }
  }
  return undefined
}

function yamlMessage(message: string, code: string): string {
  const first = message.split('\n')[0] ?? message
  if (code === 'DUPLICATE_KEY')
    return (
      'duplicate key: ' + first.replace(/^Map keys must be unique.*$/, 'a key appears twice in the same map')
    )
  return `YAML syntax error: ${first}`
}

/**
 * The position of the node at a key path, or of the nearest parent that exists. A scalar value is pointed at
 * itself (`category: user.contact.emial` → the value); a collection, or `prefer: 'key'`, at its key.
 */
export function locate(
  y: LocatedYaml,
  path: readonly PropertyKey[],
  prefer: 'value' | 'key' = 'value',
): { line: number; column: number } {
  let node: unknown = y.doc.contents
  let offset = (y.doc.contents as Node | null)?.range?.[0] ?? 0
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = p.key as { value?: unknown } | null
        return k !== null && typeof k === 'object' && String(k.value) === String(segment)
      })
      if (!pair) break
      offset = (pair.key as Node).range?.[0] ?? offset
      node = pair.value
      const last = i === path.length - 1
      if (last && prefer === 'value' && isScalar(node) && node.range) offset = node.range[0]
      continue
    }
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined
      if (!item) break
      offset = item.range?.[0] ?? offset
      node = item
      continue
    }
    break
  }
  const pos = y.lineCounter.linePos(offset)
  return { line: pos.line, column: pos.col }
}

/** Renders a key path as `processors[2].vendor` (a key from the file is cut at 80 characters). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const s of path) {
    const key = escapeControl(String(s))
    const shown = key.length > 80 ? `${key.slice(0, 79)}…` : key
    out += typeof s === 'number' ? `[${s}]` : out ? `.${shown}` : shown
  }
  return out
}

/** The problem that stands for the ones not reported once a file has MAX_PROBLEMS. */
export function moreProblems(file: string): Problem {
  return {
    file,
    line: 1,
    column: 1,
    message: `stopped after ${MAX_PROBLEMS} problems`,
    hint: 'fix the ones above and run again',
  }
}

/** Turns zod issues into located problems (the first MAX_PROBLEMS: locating each one walks the document). */
export function zodProblems(y: LocatedYaml, issues: readonly z.core.$ZodIssue[]): Problem[] {
  const problems = issues.slice(0, MAX_PROBLEMS).map((issue): Problem => {
    const path = issue.path as PropertyKey[]
    let message = issue.message
    let keyPath = path
    let prefer: 'value' | 'key' = 'value'
    if (issue.code === 'unrecognized_keys') {
      keyPath = [...path, issue.keys[0]!]
      prefer = 'key'
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys
        .slice(0, 5)
        .map((k) => quote(k))
        .join(', ')}${issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : ''}`
    } else if (issue.code === 'invalid_type') {
      message =
        valueAt(y.value, path) === undefined
          ? `missing required key (${issue.expected})`
          : `expected ${issue.expected}`
    }
    const pos = locate(y, keyPath, prefer)
    return { file: y.file, ...pos, key: formatPath(keyPath) || undefined, message }
  })
  return issues.length > MAX_PROBLEMS ? [...problems, moreProblems(y.file)] : problems
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root
  for (const s of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<PropertyKey, unknown>)[s]
  }
  return v
}
