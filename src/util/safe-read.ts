import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs'
import { isAbsolute, relative, sep } from 'node:path'

/** Why a file was not read. */
export type ReadRefusal = 'missing' | 'not-regular' | 'too-large' | 'outside' | 'unreadable'

/** A file that was not read, and why, in words that follow its path: `privacy.yml: is a named pipe, …`. */
export class FileReadError extends Error {
  constructor(
    readonly reason: ReadRefusal,
    message: string,
    /** The file's size, for `too-large`. */
    readonly size?: number,
    /** The errno code (ENOENT, EACCES …) when the system refused. */
    readonly code?: string,
  ) {
    super(message)
    this.name = 'FileReadError'
  }
}

export interface SafeReadOptions {
  /** A larger file is refused unread (a file that grows while it is read is cut off at this size and refused). */
  maxBytes: number
  /** Refuse a symbolic link rather than follow it (files found by walking a repository). */
  noFollow?: boolean
  /** The file, after every link is followed, must lie inside this folder (files a repository names). */
  within?: string
}

// O_NONBLOCK: opening a named pipe does not wait for a writer (it is refused once open). Not on Windows.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0

/**
 * The one way privacy-drift reads a file that a repository, an input or a payload chose: only a regular file,
 * only up to `maxBytes`, links followed only when allowed and only to where allowed. Devices (`/dev/zero`),
 * named pipes, sockets and folders are refused without reading a byte. Throws FileReadError.
 */
export function readRegularFile(path: string, options: SafeReadOptions): Buffer {
  let target = path
  if (options.within !== undefined) {
    const real = system(() => realpathSync.native(path))
    const root = system(() => realpathSync.native(options.within!))
    const rel = relative(root, real)
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
      throw new FileReadError(
        'outside',
        'leads outside the repository (through a symbolic link); refusing to read it',
      )
    if (!options.noFollow) target = real
  }
  const fd = system(() => openSync(target, OPEN_FLAGS | (options.noFollow ? NO_FOLLOW : 0)))
  try {
    const st = fstatSync(fd)
    if (!st.isFile())
      throw new FileReadError('not-regular', `is ${kindOf(st)}, not a regular file; refusing to read it`)
    if (st.size > options.maxBytes) throw tooLarge(st.size, options.maxBytes)
    return readAtMost(fd, st.size, options.maxBytes)
  } finally {
    closeSync(fd)
  }
}

/** Reads to the end, never past `max` bytes (a size of 0 can mean "unknown", as for /proc files). */
function readAtMost(fd: number, sizeHint: number, max: number): Buffer {
  let buf = Buffer.allocUnsafe(Math.min(sizeHint, max) + 1)
  let total = 0
  for (;;) {
    if (total === buf.length) {
      if (total > max) throw tooLarge(undefined, max)
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, max + 1))
      buf.copy(bigger, 0, 0, total)
      buf = bigger
    }
    const n = readSync(fd, buf, total, buf.length - total, null)
    if (n === 0) return buf.subarray(0, total)
    total += n
  }
}

/** `size` is unknown when the file grew past the limit while it was read. */
function tooLarge(size: number | undefined, max: number): FileReadError {
  const limit = `${max.toLocaleString('en-US')} bytes`
  return new FileReadError(
    'too-large',
    size === undefined
      ? `is larger than the limit of ${limit}`
      : `is ${size.toLocaleString('en-US')} bytes; the limit is ${limit}`,
    size,
  )
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder'
  if (st.isFIFO()) return 'a named pipe'
  if (st.isCharacterDevice()) return 'a character device'
  if (st.isBlockDevice()) return 'a block device'
  if (st.isSocket()) return 'a socket'
  return 'a special file'
}

/** Runs a file-system call, turning its errno into a FileReadError. */
function system<T>(fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new FileReadError('missing', 'does not exist', undefined, code)
    // O_NOFOLLOW on a symbolic link.
    if (code === 'ELOOP' || code === 'EMLINK')
      throw new FileReadError(
        'not-regular',
        'is a symbolic link (links are not followed); refusing to read it',
        undefined,
        code,
      )
    throw new FileReadError('unreadable', `cannot be read (${code ?? (e as Error).message})`, undefined, code)
  }
}
