import { ts } from 'ts-morph'
import type { SourceDetector } from '../../walk/detector.js'
import { dottedName, nameText, unwrap } from '../../walk/ts-helpers.js'

/** `ts.SyntaxKind` is a getter on the bundled TypeScript module object: read once, not per node. */
const SK = ts.SyntaxKind

/** The TypeScript functions used here, read once: each `ts.*` member is a getter on the bundled module object. */
const tsf = {
  isIdentifier: ts.isIdentifier,
  isNoSubstitutionTemplateLiteral: ts.isNoSubstitutionTemplateLiteral,
  isObjectLiteralExpression: ts.isObjectLiteralExpression,
  isPropertyAccessExpression: ts.isPropertyAccessExpression,
  isPropertyAssignment: ts.isPropertyAssignment,
  isStringLiteral: ts.isStringLiteral,
}

/** Vercel AI SDK calls whose `prompt` / `messages` go to the model provider. */
const AI_SDK_FUNCTIONS = /^(generateText|streamText|generateObject|streamObject|streamUI)$/
/** Modules the Vercel AI SDK functions come from. */
const AI_SDK_MODULES = new Set(['ai', 'ai/rsc', '@ai-sdk/rsc'])
/** Client methods of OpenAI / Anthropic / Mistral-style SDKs that send a conversation to the model. */
const AI_CLIENT_METHODS =
  /\.(chat\.completions\.(create|stream|parse)|responses\.(create|stream)|messages\.(create|stream)|completions\.create|chat\.(complete|stream)|models\.generateContent(Stream)?)$/
/** Options that carry the conversation. */
const PROMPT_OPTIONS = new Set(['prompt', 'messages', 'input', 'contents'])

/**
 * Text sent to an LLM: `streamText({ prompt })` (Vercel AI SDK), `openai.chat.completions.create({ model, messages })`,
 * `anthropic.messages.create({ model, messages })`. A prompt built from anything but a fixed literal is user content.
 */
export const aiPrompts: SourceDetector = {
  name: 'ai-prompts',
  kinds: [SK.CallExpression],
  visit(node, ctx) {
    const call = node as ts.CallExpression
    const callee = call.expression
    const arg = unwrap(call.arguments[0])
    if (!arg || !tsf.isObjectLiteralExpression(arg)) return
    let sdk = false
    if (tsf.isIdentifier(callee) && AI_SDK_FUNCTIONS.test(callee.text)) {
      const module = ctx.bindings.imports.get(callee.text)?.module
      sdk = module !== undefined && AI_SDK_MODULES.has(module)
    } else if (tsf.isPropertyAccessExpression(callee)) {
      const dotted = dottedName(callee) ?? ''
      // Twilio's `client.messages.create({ to, body })` has no `model`: it is not an LLM call.
      sdk = AI_CLIENT_METHODS.test(dotted) && arg.properties.some((p) => nameText(p.name) === 'model')
    }
    if (!sdk) return
    for (const p of arg.properties) {
      const key = nameText(p.name)
      if (key === undefined || !PROMPT_OPTIONS.has(key)) continue
      const value = tsf.isPropertyAssignment(p) ? unwrap(p.initializer) : undefined
      if (value && (tsf.isStringLiteral(value) || tsf.isNoSubstitutionTemplateLiteral(value))) continue
      ctx.scan.signal(
        'user.content.ai_prompt',
        ctx.pos(p),
        'request',
        'signal.ai.prompt',
        `${key} sent to a language model`,
        `${dottedName(callee) ?? 'llm'}({ ${key} })`,
      )
      return
    }
  },
}
