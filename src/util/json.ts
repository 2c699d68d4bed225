/** JSON that does not parse; the message says where, never quoting the text (it may be a payload or a secret). */
export class JsonSyntaxError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'JsonSyntaxError'
  }
}

/**
 * JSON.parse with a message fit for users: V8's own quotes a slice of the input (`"<!DOCTYPE "... is not valid
 * JSON`), which would echo an untrusted file or response into the log.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new JsonSyntaxError(describeJsonError(text, (e as Error).message))
  }
}

function describeJsonError(text: string, v8: string): string {
  if (text.trim() === '') return 'is empty, not JSON'
  if (/^\s*</.test(text)) return 'is not JSON (it looks like an HTML or XML page)'
  if (/unexpected end/i.test(v8) || /unterminated/i.test(v8))
    return 'is not valid JSON: it ends too early (truncated?)'
  const at = /position (\d+)/.exec(v8)
  if (!at) return 'is not valid JSON'
  const offset = Math.min(Number(at[1]), text.length)
  if (offset >= text.trimEnd().length) return 'is not valid JSON: it ends too early (truncated?)'
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `is not valid JSON at line ${line}, column ${column}`
}
