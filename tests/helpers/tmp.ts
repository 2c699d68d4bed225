import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach } from 'vitest'

const made: string[] = []

afterEach(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true })
})

/** A fresh temporary folder, removed after the test. */
export function tempDir(prefix = 'pd-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** A temporary copy of a fixture folder. */
export function copyFixture(fixture: string): string {
  const dir = tempDir()
  cpSync(fixture, dir, { recursive: true })
  return dir
}

/** Writes files (path → content) under a folder. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true })
    writeFileSync(join(root, p), content)
  }
}
