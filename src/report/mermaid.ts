import {
  capDataMap,
  MAP_GROUP_LABEL,
  MAP_GROUPS,
  type DataMap,
  type MapEdgeKind,
  type MapNode,
} from './datamap.js'

/**
 * GitHub renders mermaid with a text limit (50,000 characters) and an edge limit (500): stay well inside both,
 * so a big monorepo shows a readable map with "+N more" nodes instead of an error box.
 */
export const MERMAID_LIMITS = { perGroup: 24, edges: 160, labelChars: 48 } as const

/** Characters that can stay as they are inside a quoted mermaid label; everything else becomes `#code;`. */
const PLAIN = /[A-Za-z0-9 _.,:/@*+=-]/

/**
 * Text from scanned code as a mermaid label: no quote, bracket, `-->`, `%%`, backtick, HTML or entity can end
 * the label or start markup, because every character outside a small safe set is written as a numeric entity.
 */
export function mermaidText(text: string, max: number = MERMAID_LIMITS.labelChars): string {
  let chars = [...text].map((ch) => (/[\p{Cc}\p{Cf}]/u.test(ch) ? ' ' : ch))
  if (chars.length > max) chars = [...chars.slice(0, max - 1), '…']
  return chars.map((ch) => (PLAIN.test(ch) ? ch : `#${ch.codePointAt(0)};`)).join('')
}

const ARROW: Record<MapEdgeKind, string> = { holds: '-->', uses: '-.->', flow: '==>' }

function label(n: MapNode): string {
  const mark = n.undeclared ? '⚠ ' : ''
  const main = `${mark}${mermaidText(n.label)}`
  return n.detail && !n.more ? `${main}<br/>${mermaidText(n.detail)}` : main
}

/** The data map as a mermaid flowchart (for a ```mermaid block). */
export function renderMermaid(full: DataMap): string {
  const map = capDataMap(full, MERMAID_LIMITS)
  const out = ['flowchart LR']
  for (const group of MAP_GROUPS) {
    const nodes = map.nodes.filter((n) => n.group === group)
    if (nodes.length === 0) continue
    out.push(`  subgraph g_${group}["${MAP_GROUP_LABEL[group]}"]`)
    if (group !== 'part') out.push('    direction TB')
    for (const n of nodes) out.push(`    ${n.id}["${label(n)}"]`)
    out.push('  end')
  }
  const undeclaredLinks: number[] = []
  map.edges.forEach((e, i) => {
    out.push(`  ${e.from} ${ARROW[e.kind]} ${e.to}`)
    if (e.undeclared) undeclaredLinks.push(i)
  })
  out.push(
    '  classDef undeclared stroke:#d1242f,stroke-width:3px,stroke-dasharray:5 3',
    '  classDef special stroke:#8250df,stroke-width:2px',
  )
  const undeclared = map.nodes.filter((n) => n.undeclared).map((n) => n.id)
  const special = map.nodes.filter((n) => n.special && !n.undeclared).map((n) => n.id)
  if (undeclared.length > 0) out.push(`  class ${undeclared.join(',')} undeclared`)
  if (special.length > 0) out.push(`  class ${special.join(',')} special`)
  if (undeclaredLinks.length > 0)
    out.push(`  linkStyle ${undeclaredLinks.join(',')} stroke:#d1242f,stroke-width:2px`)
  return out.join('\n')
}

/** One line under the diagram that says how to read it. */
export function mapLegend(map: DataMap): string {
  const parts = ['→ a part of the app holds the data', '⇢ the part uses the vendor']
  if (map.fromFlows) parts.push('⇒ personal data the code sends to the vendor')
  if (map.nodes.some((n) => n.undeclared)) parts.push('⚠ not declared')
  return parts.join(' · ')
}

/** The map folded into a `<details>` block (the PR comment). */
export function foldedMermaidSection(map: DataMap): string {
  return ['<details><summary>Data map</summary>', '', mermaidSection(map), '', '</details>'].join('\n')
}

/** The data map as a markdown section body: a mermaid block and its legend (empty map → a sentence). */
export function mermaidSection(map: DataMap): string {
  if (map.nodes.length === 0) return '_No personal data, cookies or vendors found: nothing to map._'
  return ['```mermaid', renderMermaid(map), '```', '', `_${mapLegend(map)}_`].join('\n')
}
