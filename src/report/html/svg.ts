import { MAP_GROUP_LABEL, type MapNode } from '../datamap.js'
import { clip, escapeHtml } from './escape.js'
import { MAP_TEXT, type LaidOutMap, type Point } from './layout.js'

const LABEL_CHARS = 48

/** An SVG path: cubic Bézier segments for ELK's splines, straight lines otherwise. */
function path(points: readonly Point[], curved: boolean): string {
  const xy = (p: Point): string => `${p.x} ${p.y}`
  if (!curved) return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${xy(p)}`).join(' ')
  const out = [`M${xy(points[0]!)}`]
  for (let i = 1; i + 2 < points.length; i += 3)
    out.push(`C${xy(points[i]!)} ${xy(points[i + 1]!)} ${xy(points[i + 2]!)}`)
  return out.join(' ')
}

function nodeTitle(n: MapNode): string {
  const parts = [n.label]
  if (n.detail && n.detail !== n.label) parts.push(n.detail)
  if (n.undeclared) parts.push('not declared')
  if (n.special) parts.push('special category')
  return parts.join(' · ')
}

/** The laid-out data map as an inline SVG: classes only (no style attributes, so a strict CSP applies). */
export function renderMapSvg(map: LaidOutMap): string {
  const margin = 8
  const w = map.width + 2 * margin
  const h = map.height + 2 * margin
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="datamap" viewBox="${-margin} ${-margin} ${w} ${h}" width="${w}" height="${h}" role="img" aria-labelledby="datamap-title">`,
    '<title id="datamap-title">Data map: personal data and cookies, the parts of the app that hold them, and the vendors they reach</title>',
    '<defs>',
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrowhead" d="M0 0L10 5L0 10z"/></marker>',
    '<marker id="arrow-undeclared" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrowhead undeclared" d="M0 0L10 5L0 10z"/></marker>',
    '</defs>',
  ]
  for (const { group, box } of map.groups)
    out.push(
      `<g class="map-group map-group-${group}" data-group="${group}">`,
      `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="10"/>`,
      `<text class="map-group-title" x="${box.x + MAP_TEXT.padding}" y="${box.y + 19}">${escapeHtml(MAP_GROUP_LABEL[group])}</text>`,
      '</g>',
    )
  for (const { edge, points, curved } of map.edges) {
    if (points.length < 2) continue
    const cls = ['map-edge', `map-edge-${edge.kind}`, ...(edge.undeclared ? ['undeclared'] : [])].join(' ')
    out.push(
      // Data held in a part needs no arrowhead (the columns read left to right); a vendor edge does.
      `<path class="${cls}" data-from="${edge.from}" data-to="${edge.to}" d="${path(points, curved)}"${edge.kind === 'holds' ? '' : ` marker-end="url(#${edge.undeclared ? 'arrow-undeclared' : 'arrow'})"`}/>`,
    )
  }
  for (const { node: n, box } of map.nodes) {
    const cls = ['map-node', `map-node-${n.group}`]
    if (n.undeclared) cls.push('undeclared')
    if (n.special) cls.push('special')
    if (n.more) cls.push('more')
    const label = `${n.undeclared ? '⚠ ' : ''}${clip(n.label, LABEL_CHARS)}`
    const hasDetail = n.detail !== undefined && !n.more
    const x = box.x + MAP_TEXT.padding
    out.push(
      `<g class="${cls.join(' ')}" data-group="${n.group}" data-key="${escapeHtml(n.key)}">`,
      `<title>${escapeHtml(nodeTitle(n))}</title>`,
      `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6"/>`,
      `<text class="map-node-label" x="${x}" y="${box.y + (hasDetail ? 17 : 18)}">${escapeHtml(label)}</text>`,
    )
    if (hasDetail)
      out.push(
        `<text class="map-node-detail" x="${x}" y="${box.y + 33}">${escapeHtml(clip(n.detail!, LABEL_CHARS))}</text>`,
      )
    out.push('</g>')
  }
  out.push('</svg>')
  return out.join('\n')
}
