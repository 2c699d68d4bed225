import type { FileScan } from '../file-scan.js'
import { lineStartsOf, positionIn } from '../../util/lines.js'
import { detectHostsInString } from './hosts.js'

/** Stylesheet languages read for their `@import` rules. */
export const STYLESHEET_EXTENSIONS = new Set(['css', 'scss', 'sass', 'less'])

/** `@import url("https://…")`, `@import '//…'`: a remote stylesheet the visitor's browser fetches from its host. */
const REMOTE_IMPORT = /@import\s+(?:url\(\s*)?["']?((?:https?:)?\/\/[^"')\s;]+)/gi

/** Block comments and whole-line `//` comments (SCSS, Less), blanked to spaces so offsets and lines still match. */
const COMMENT = /\/\*[\s\S]*?\*\/|^[ \t]*\/\/[^\n]*/gm

/**
 * Reads a stylesheet's remote `@import`s. A stylesheet a vendor serves as its product (a web-font API) shows that
 * vendor; any other host's stylesheet is an asset host (the `image` basis, low confidence), like `<link rel=stylesheet>`.
 */
export function scanStylesheet(scan: FileScan, text: string): void {
  const code = text.replace(COMMENT, (c) => c.replace(/[^\n]/g, ' '))
  const starts = lineStartsOf(code)
  for (const m of code.matchAll(REMOTE_IMPORT)) {
    const url = m[1]!
    const basis = scan.rules.vendorServingStylesheet(url) ? undefined : 'image'
    detectHostsInString(scan, url, positionIn(starts, m.index!), 'high', 'hostname', basis)
  }
}
