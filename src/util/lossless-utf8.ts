// UTF-8 that round-trips whatever the bytes: a file edited as text keeps every byte it does not edit, even
// bytes that are not UTF-8 (a Latin-1 `é` in a comment). Each such byte becomes a lone low surrogate
// U+DC80–U+DCFF while the file is text, and that byte again when it is written — the "surrogateescape" scheme.

/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), or 0 when the byte starts none. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean =>
    b[i + k] !== undefined && b[i + k]! >= lo && b[i + k]! <= hi
  if (c < 0x80) return 1
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80
    const hi = c === 0xed ? 0x9f : 0xbf
    return cont(1, lo, hi) && cont(2) ? 3 : 0
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80
    const hi = c === 0xf4 ? 0x8f : 0xbf
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0
  }
  return 0
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Decodes UTF-8, keeping each byte that is not part of a well-formed sequence as U+DC00 + byte. */
export function decodeLossless(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    // not UTF-8 throughout: decode run by run below
  }
  let out = ''
  let run = 0
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes, i)
    if (n > 0) {
      i += n
      continue
    }
    out += utf8.decode(bytes.subarray(run, i)) + String.fromCharCode(0xdc00 + bytes[i]!)
    run = ++i
  }
  return out + utf8.decode(bytes.subarray(run))
}

/** Encodes text as UTF-8, turning each lone U+DC80–U+DCFF from decodeLossless back into its byte. */
export function encodeLossless(text: string): Buffer {
  const parts: Buffer[] = []
  let from = 0
  for (const m of text.matchAll(/(?<![\ud800-\udbff])[\udc80-\udcff]/g)) {
    parts.push(Buffer.from(text.slice(from, m.index), 'utf8'), Buffer.of(m[0].charCodeAt(0) - 0xdc00))
    from = m.index + 1
  }
  parts.push(Buffer.from(text.slice(from), 'utf8'))
  return Buffer.concat(parts)
}
