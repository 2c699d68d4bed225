import type { Confidence } from '../../model/types.js'
import type { FlowVocabulary } from '../../rules/flow-vocabulary.js'
import type { CompiledSink, SinkArg } from '../../rules/sinks.js'
import type { FileScan } from '../file-scan.js'
import { tokenizeIdentifier } from '../pii/tokenize.js'
import type { FlowFacts, FlowValue } from './facts.js'

/**
 * The values a sink sends: those inside the arguments (and properties) it lists. A value that encloses a listed
 * part counts too (`create(params)` sends `params.messages`).
 */
export function selectValues(values: readonly FlowValue[], args: readonly SinkArg[]): FlowValue[] {
  return values.filter((v) => args.some((a) => within(v.at, a)))
}

/** Test code sends nothing anywhere. */
const TEST_FILE =
  /(^|\/)(__tests__|__mocks__|tests?|spec|e2e|cypress|playwright)\/|\.(test|spec|e2e-spec|stories)\.[cm]?[jt]sx?$/

/** Whether a path is test code (a test, a spec, a story, a mock): its calls send nothing anywhere. */
export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path)
}

/** A method that names the record it acts on by the vendor's own id: `auth.admin.updateUserById(id, attributes)`. */
const BY_ID = /By(Id|ID|Uid|UID)$/

/**
 * The values an SDK sink call sends: those in the arguments the sink lists, less the id a `…ById` method addresses
 * the vendor's record with (the vendor issued that id: it learns nothing from getting it back).
 */
export function sentValues(
  values: readonly FlowValue[],
  sink: Pick<CompiledSink, 'args'> & Partial<Pick<CompiledSink, 'url' | 'query'>>,
  method: string | undefined,
  words: FlowVocabulary,
): FlowValue[] {
  const selected = selectValues(values, sink.args)
  if (method && BY_ID.test(method)) return selected.filter((v) => v.at[0] !== '0')
  const url = sink.url
  const inUrl = (v: FlowValue): boolean =>
    url !== undefined && (within(v.at, url) || (sink.query ?? []).some((q) => within(v.at, q)))
  return url && selected.every((v) => inUrl(v) || !carriesData(v))
    ? selected.filter((v) => !recordKey(v, words))
    : selected
}

/**
 * Whether a value outside a request's URL is data it hands over: one of a category, other than a credential (an API
 * key in a header authenticates the request, it is not its content).
 */
function carriesData(v: FlowValue): boolean {
  return v.category !== undefined && !isCredential(v)
}

/** Whether a value is a credential (`user.authorization.*`): it authenticates a request rather than being its data. */
export function isCredential(v: FlowValue): boolean {
  return v.category?.startsWith('user.authorization') ?? false
}

/**
 * Whether a value is the key of the record a request reads (`fetch(`https://api.github.com/users/${username}`)`):
 * an account's handle or id in the URL of a request that sends no other data (credentials aside) is the service's
 * own record looked up, not data handed to it.
 */
function recordKey(v: FlowValue, words: FlowVocabulary): boolean {
  return v.category !== undefined && words.accountCategories.has(v.category)
}

/** Whether a value's place (`1`, `metadata`) lies inside a sink argument. */
export function within(at: readonly string[], arg: SinkArg): boolean {
  const head = at[0]
  if (arg.index >= 0 && head !== '*' && head !== String(arg.index)) return false
  const n = Math.min(arg.path.length, at.length - 1)
  for (let i = 0; i < n; i++) if (at[i + 1] !== arg.path[i]) return false
  return true
}

/** One flow to record: the category, how sure, and why. */
export interface FlowOf {
  category: string
  confidence: Confidence
  reason: string
}

/** The fixed category of prompt sinks: text a person writes for a model, which a lookup is not. */
const PROMPT = 'user.content.ai_prompt'

/**
 * Whether a value's own name (its last identifier) says it is a lookup — a search term or a key, what an app or a
 * model composes to look something up (`query`, `newsQueries`, `documentIds`; rules/flows `lookup_words`) — rather
 * than text a person wrote to a model.
 */
function namedLookup(source: string, vocabulary: FlowVocabulary): boolean {
  const last = /([A-Za-z_$][\w$]*)[^\w$]*$/.exec(source)?.[1]
  const words = last ? tokenizeIdentifier(last) : []
  return words.length > 0 && vocabulary.lookupWords.has(words[words.length - 1]!)
}

/**
 * The flow a sent value makes: its own category, or the sink's fixed category for any other non-literal value (the
 * text of a prompt) — unless a language model wrote it (a tool call's arguments) or, for a prompt, its name says it
 * is a search term or an id; undefined when it carries no personal data.
 */
export function flowOf(
  v: FlowValue,
  sink: Pick<CompiledSink, 'category'> & Partial<Pick<CompiledSink, 'argCategories'>>,
  call: string,
  words: FlowVocabulary,
): FlowOf | undefined {
  if (v.category)
    return {
      category: v.category,
      confidence: v.confidence ?? 'medium',
      reason: `${v.source}: ${v.reason ?? ''} → ${call}`,
    }
  // `to` of an e-mail: the API says what it is; the operator's own values (a configured sender) stay out.
  const typed =
    !v.operator && sink.argCategories?.find((a) => v.at.length > a.arg.path.length && within(v.at, a.arg))
  if (typed)
    return {
      category: typed.category,
      confidence: 'high',
      reason: `${v.source} → ${call}: its ${[typed.arg.index, ...typed.arg.path].join('.')} is ${typed.category}`,
    }
  if (
    sink.category &&
    !v.byModel &&
    !v.operator &&
    !(sink.category === PROMPT && namedLookup(v.source, words))
  )
    return {
      category: sink.category,
      confidence: 'high',
      reason: `${v.source} → ${call}: sent as ${sink.category}`,
    }
  return undefined
}

/**
 * Records the flows of the values a sink sends, in the file that calls it; a whole typed object of no category
 * (`FlowValue.typeRef`) or another module's function's result (`FlowValue.returnRef`) is kept in `facts` for linking,
 * which knows the fields of its type and what the function returns.
 */
export function sendFlows(
  scan: FileScan,
  values: readonly FlowValue[],
  to: { vendor: string; sink: Pick<CompiledSink, 'category' | 'rule'>; call: string },
  facts?: FlowFacts,
): void {
  for (const v of values) {
    const flow = flowOf(v, to.sink, to.call, scan.rules.flowVocabulary)
    if (!flow) {
      if ((v.typeRef || v.returnRef) && facts)
        (facts.typed ??= []).push({ vendor: to.vendor, rule: to.sink.rule, call: to.call, value: v })
      continue
    }
    scan.flow({
      vendor: to.vendor,
      category: flow.category,
      at: { line: v.line, column: v.column },
      symbol: flowSymbol(to.call, v),
      rule: to.sink.rule,
      confidence: flow.confidence,
      reason: flow.reason,
      trace: v.trace,
    })
  }
}

/** How a flow is named in evidence (and its fingerprint): the call, where in its arguments, and the value. */
export function flowSymbol(call: string, v: FlowValue): string {
  return `${call.replace(/\(…\)$/, '')}(${v.at.join('.')}) ← ${v.source}`
}
