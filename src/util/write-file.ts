import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { UsageError } from './errors.js'

export interface WriteOptions {
  /** How the file is named in an error (defaults to the path). */
  display?: string
  /** Create missing parent folders. */
  mkdir?: boolean
}

/**
 * Replaces a file's content all at once, or not at all: a temporary file beside the target, written, flushed to
 * disk and renamed over it. A symbolic link is written through (its target changes, the link stays); the file's
 * mode and owner are kept; a device or pipe (/dev/stdout) is written in place. A failure (read-only folder, full
 * disk) leaves the old file and no temporary file behind, and is a UsageError that says what happened.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const display = options.display ?? path
  const fail = (e: unknown): never => {
    throw new UsageError(`cannot write ${display}: ${describeWriteError(e)}; it was left unchanged`)
  }
  if (options.mkdir) {
    try {
      mkdirSync(dirname(path), { recursive: true })
    } catch (e) {
      fail(e)
    }
  }
  const existing = statOrUndefined(path)
  if (existing && !existing.isFile()) {
    // Renaming over /dev/null or a pipe would replace it with a regular file.
    try {
      writeFileSync(path, data)
    } catch (e) {
      fail(e)
    }
    return
  }
  let target = path
  try {
    if (existing) target = realpathSync.native(path)
  } catch (e) {
    fail(e)
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`)
  let fd: number | undefined
  try {
    fd = openSync(tmp, 'wx', existing ? existing.mode & 0o7777 : 0o666)
    if (existing) keepModeAndOwner(fd, existing)
    const bytes = typeof data === 'string' ? Buffer.from(data) : data
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(tmp, target)
  } catch (e) {
    if (fd !== undefined) closeQuietly(fd)
    removeQuietly(tmp)
    fail(e)
  }
}

/** Mode as it was (openSync applies the umask); owner as it was when the process may set it. */
function keepModeAndOwner(fd: number, st: Stats): void {
  fchmodSync(fd, st.mode & 0o7777)
  const uid = process.getuid?.()
  const gid = process.getgid?.()
  if (uid === undefined || (st.uid === uid && st.gid === gid)) return
  try {
    fchownSync(fd, st.uid, st.gid)
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    err.message = `cannot keep the file's owner ${st.uid}:${st.gid} (${err.code ?? err.message}); edit it as that user`
    throw err
  }
}

function describeWriteError(e: unknown): string {
  const err = e as NodeJS.ErrnoException
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return err.message.startsWith('cannot keep')
        ? err.message
        : 'permission denied (is the file or its folder read-only?)'
    case 'EROFS':
      return 'the file system is read-only'
    case 'ENOSPC':
      return 'no space left on the device'
    case 'EDQUOT':
      return 'the disk quota is exceeded'
    case 'EFBIG':
      return 'the file is larger than this system allows'
    case 'ENOENT':
    case 'ENOTDIR':
      return 'its folder does not exist'
    case 'EISDIR':
      return 'it is a folder'
    default:
      return err.code ?? err.message ?? String(e)
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd)
  } catch {
    // the write already failed; that error is the one to report
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // never created, or already gone
  }
}
