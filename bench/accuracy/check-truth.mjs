#!/usr/bin/env node
// Checks a set of truth files without scanning anything: the YAML parses, required fields are present, every cited
// path:line exists in the checkout and is not blank — what a labeller runs before committing, since the truth must
// be written before the tool ever runs on the code.
//   node bench/accuracy/check-truth.mjs TRUTH_DIR CHECKOUT_ROOT      (e.g. bench/accuracy/blind13 ../real-blind13)
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
const [dir, root] = process.argv.slice(2)
let bad = 0,
  cited = 0
const lines = new Map()
function check(name, ref, where) {
  if (typeof ref !== 'string') {
    console.log(`${name}: ${where}: not a string: ${JSON.stringify(ref)}`)
    bad++
    return
  }
  const m = ref.match(/^(.*):(\d+)$/)
  if (!m) {
    console.log(`${name}: ${where}: not path:line: ${ref}`)
    bad++
    return
  }
  cited++
  const file = join(root, name, m[1])
  if (!lines.has(file)) lines.set(file, existsSync(file) ? readFileSync(file, 'utf8').split('\n') : null)
  const text = lines.get(file)
  if (!text) {
    console.log(`${name}: ${where}: no such file ${m[1]}`)
    bad++
    return
  }
  const l = text[Number(m[2]) - 1]
  if (l === undefined || l.trim() === '') {
    console.log(`${name}: ${where}: line ${m[2]} of ${m[1]} is ${l === undefined ? 'past the end' : 'blank'}`)
    bad++
  }
}
for (const f of readdirSync(dir)
  .filter((f) => f.endsWith('.yml'))
  .sort()) {
  let t
  try {
    t = parse(readFileSync(join(dir, f), 'utf8'))
  } catch (e) {
    console.log(`${f}: YAML error: ${e.message.split('\n')[0]}`)
    bad++
    continue
  }
  for (const k of ['name', 'repo', 'commit', 'kind', 'files', 'labelling'])
    if (t[k] === undefined) {
      console.log(`${f}: missing ${k}`)
      bad++
    }
  if (!existsSync(join(root, t.name ?? ''))) {
    console.log(`${f}: no checkout ${join(root, t.name ?? '')}`)
    bad++
    continue
  }
  for (const kind of ['personalData', 'cookies', 'analytics', 'processors', 'flows', 'absent']) {
    for (const [i, e] of (t[kind] ?? []).entries()) {
      const where = `${kind}[${i}]`
      if (kind === 'absent') {
        if (e.at) check(t.name, e.at, where)
        for (const k of Object.keys(e))
          if (!['vendor', 'domains', 'cookie', 'at', 'kind', 'path', 'why', 'confidence'].includes(k)) {
            console.log(`${f}: ${where}: unknown key ${k} (a comma or colon in a value?)`)
            bad++
          }
        continue
      }
      if (kind === 'flows' && (!e.vendor || !e.category)) {
        console.log(`${f}: ${where}: flow needs vendor and category`)
        bad++
      }
      for (const k of Object.keys(e))
        if (
          ![
            'category',
            'accept',
            'at',
            'note',
            'confidence',
            'name',
            'source',
            'id',
            'aliases',
            'domains',
            'vendor',
            'why',
          ].includes(k)
        ) {
          console.log(`${f}: ${where}: unknown key ${k} (a comma or colon in a value?)`)
          bad++
        }
      for (const ref of [].concat(e.at ?? [])) check(t.name, ref, where)
    }
  }
}
console.log(`${cited} cited locations checked, ${bad} problems`)
process.exitCode = bad ? 1 : 0
