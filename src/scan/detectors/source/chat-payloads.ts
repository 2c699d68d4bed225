import { ts } from 'ts-morph'
import { originOf } from '../../flows/origin.js'
import { namedVendorReceiving } from '../../flows/receiver.js'
import type { SourceDetector, WalkContext } from '../../walk/detector.js'
import { nameText } from '../../walk/ts-helpers.js'
import { sendWithHelpers, sinkCalls, type SinkCallsState } from './sink-calls.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** What a language model is asked, in a chat request: OpenAI-style `messages`, Gemini's `contents`, a `prompt`. */
const PROMPT_KEYS = new Set(['messages', 'contents', 'prompt'])
/** The category a model's input is sent as (the prompt sinks' own). */
const PROMPT = 'user.content.ai_prompt'

/**
 * A chat request built where the provider is chosen by the code's own structure: an object literal with a `model`
 * and the `messages` (or `contents`, `prompt`) in a class or file named for one language-model vendor (`class
 * DeepSeekApi`, `MoonshotChatService`, `platforms/moonshot.ts`). Multi-provider chat clients send such a payload
 * through their own plumbing — a fetch wrapper, a streaming helper, an IPC bridge — to a URL read from settings, so
 * no call names the receiver; the provider's name does. What the payload's prompt holds is sent to that vendor as a
 * prompt. A payload handed straight to a vendor's SDK is read by that SDK's sinks instead.
 */
export const chatPayloads: SourceDetector<SinkCallsState | undefined> = {
  name: 'chat-payloads',
  kinds: [SK.ObjectLiteralExpression],
  start: (ctx) => ctx.stateOf(sinkCalls),
  visit(node, ctx, state) {
    if (!state) return
    const o = node as ts.ObjectLiteralExpression
    if (o.properties.length < 2) return
    let model = false
    let prompt: string | undefined
    for (const p of o.properties) {
      const key = p.name && nameText(p.name)
      if (key === 'model') model = true
      else if (key !== undefined && PROMPT_KEYS.has(key)) prompt ??= key
    }
    if (!model || prompt === undefined || sdkArgument(ctx)) return
    const vendor = namedVendorReceiving(PROMPT, ctx)
    if (!vendor) return
    const values = state.reader.args([o]).filter((v) => v.at[1] === prompt)
    const sink = { category: PROMPT, rule: `vendor.${vendor}.sinks`, fallback: false }
    sendWithHelpers(state, ctx, values, vendor, sink, `${vendor} chat request(…)`)
  },
}

/** Whether the object is passed straight to a call on a vendor's SDK (`openai.chat.completions.create({ … })`). */
function sdkArgument(ctx: WalkContext): boolean {
  const parent = ctx.parent
  if (parent?.kind !== SK.CallExpression && parent?.kind !== SK.NewExpression) return false
  const origin = originOf((parent as ts.CallExpression | ts.NewExpression).expression, ctx)
  return origin?.kind === 'import' && ctx.scan.rules.vendorForImport(origin.module) !== undefined
}
