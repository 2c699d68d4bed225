import type { Finding } from '../model/types.js'
import type { FileFacts } from './file-scan.js'
import type { ModuleIndex } from './inventory.js'

/**
 * Outbound calls through an API client of the repository: a URL passed to a function or class (`super(url)`, `new
 * Client(url)`) whose module sends a request to that parameter. One hop; the evidence stays at the URL.
 */
export function linkUrlArguments(files: readonly FileFacts[], modules: ModuleIndex): Finding[] {
  const out: Finding[] = []
  for (const f of files)
    for (const p of f.pendingUrls ?? []) {
      const takes = (file: FileFacts, name: string): true | undefined =>
        file.urlParameters?.some((u) => u.fn === name && u.index === p.index) ? true : undefined
      const sender =
        p.from === ''
          ? takes(f, p.exportName) && f.path
          : modules.exportedFact(f.path, p.from, p.exportName, takes)?.path
      if (!sender) continue
      for (const x of p.findings)
        out.push({
          ...x,
          evidence: { ...x.evidence, reason: `${x.evidence.reason ?? ''} (the request is in ${sender})` },
        })
    }
  return out
}
