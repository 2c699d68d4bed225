const SCRIPT_BLOCK = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi
/** Script types that hold JavaScript; others (`application/ld+json`, `text/template`) are data. */
const SCRIPT_TYPE = /\btype\s*=\s*["']([^"']*)["']/i
const JS_TYPES =
  /^(module|text\/javascript|application\/javascript|text\/babel|text\/partytown|text\/plain)$/i

/** One `<script>` element of HTML text: where it spans, its attributes, and its inline code if it runs any. */
export interface ScriptBlock {
  start: number
  end: number
  attrs: string
  /** The inline JavaScript, or undefined for `<script src>`, an empty element or a data type (`ld+json`). */
  code: string | undefined
  /** The offset of the code's first character in the text. */
  codeStart: number
}

/** Every `<script>` element of HTML text (a template file, or HTML a string of code holds). */
export function scriptBlocks(text: string): ScriptBlock[] {
  const out: ScriptBlock[] = []
  for (const m of text.matchAll(SCRIPT_BLOCK)) {
    const attrs = m[1]!
    const body = m[2]!
    const type = SCRIPT_TYPE.exec(attrs)?.[1]
    const runs = !/\bsrc\s*=/.test(attrs) && body.trim() !== '' && (!type || JS_TYPES.test(type))
    out.push({
      start: m.index!,
      end: m.index! + m[0].length,
      attrs,
      code: runs ? body : undefined,
      codeStart: m.index! + m[0].indexOf('>') + 1,
    })
  }
  return out
}

/** A same-length `0` with newlines kept: a template tag or `${…}` blanked so the script parses and lines still match. */
export function blankAsValue(s: string): string {
  return '0' + s.slice(1).replace(/[^\n]/g, ' ')
}
