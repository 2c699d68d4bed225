import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codeBlock, codeSpan, escapeMarkdown } from '../../src/report/escape.js'

const hostile = [
  '<img src=x onerror=alert(1)>',
  '[click me](https://evil.example/phish)',
  '@octocat please merge',
  '@org/team',
  'fixes #123',
  '`code` and ``double``',
  '**bold** _it_ ~~strike~~',
  '<!-- privacy-drift:v1 id=default -->',
  'https://evil.example/x',
  'www.evil.example',
  '| table | break |',
  'line\nbreak\r\nand\u202eRTL',
  'javascript:alert(1)',
]

/**
 * What GitHub would turn into markup, links, mentions or references. Markdown syntax is judged on the escaped
 * source; mentions, references and autolinks on the rendered text (entities decoded), because GitHub links
 * those in the HTML after markdown has run.
 */
function activeMarkup(s: string): string[] {
  const found: string[] = []
  if (/[<>[\]`*_|~]/.test(s)) found.push('markup character')
  if (/[\r\n]/.test(s)) found.push('newline')
  const text = s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
  if (/@[A-Za-z0-9]/.test(text)) found.push('mention')
  if (/#\d/.test(text)) found.push('issue reference')
  if (/(https?|javascript|mailto|data|ftp):/i.test(text)) found.push('url scheme')
  if (/\bwww\./i.test(text)) found.push('autolink')
  if (/<!--|-->/.test(text)) found.push('html comment')
  return found
}

describe('markdown escaping of text from scanned code', () => {
  it.each(hostile)('escapeMarkdown renders %j inert', (input) => {
    expect(activeMarkup(escapeMarkdown(input))).toEqual([])
  })

  it('escapeMarkdown renders any string inert (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(activeMarkup(escapeMarkdown(s, 1000))).toEqual([])
      }),
      { numRuns: 2000 },
    )
  })

  it('escapeMarkdown bounds the length', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 0, maxLength: 2000 }),
        fc.integer({ min: 5, max: 300 }),
        (s, max) => {
          // Each kept character becomes at most one entity or a character plus a zero-width space.
          expect(escapeMarkdown(s, max).length).toBeLessThanOrEqual(max * 8)
        },
      ),
    )
  })

  it('codeSpan is one code span: no inner backtick, no newline (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const span = codeSpan(s, 1000)
        expect(span.startsWith('`') && span.endsWith('`')).toBe(true)
        expect(span.slice(1, -1)).not.toMatch(/[`\r\n]/)
        expect(span).not.toMatch(/<!--/)
      }),
      { numRuns: 2000 },
    )
  })

  it('codeBlock cannot be closed from inside (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const block = codeBlock(s, 'yaml')
        const fence = /^(`+)yaml\n/.exec(block)![1]!
        const body = block.slice(fence.length + 5, -(fence.length + 1))
        const longestInside = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length))
        expect(longestInside).toBeLessThan(fence.length)
        expect(block.endsWith(`\n${fence}`)).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })
})
