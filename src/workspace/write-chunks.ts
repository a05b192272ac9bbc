/**
 * Writes text that comes in pieces (e.g. formatJsonChunks) to a file (a
 * path: created or truncated; or an open handle: from its position), in
 * writes of about 1 MiB: a large report is never held as one string. The
 * writes are synchronous (writeChunksSync): the CLI and the action have
 * nothing else to do while a report is written, and a thread-pool round
 * trip per write cost more than the writes (120 of them for the nova
 * corpus's 3 MB report).
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'

export async function writeChunks(file: string | FileHandle, chunks: Iterable<string>): Promise<void> {
  if (typeof file !== 'string') {
    writeChunksSync(file.fd, chunks)
    return
  }
  const fd = openSync(file, 'w')
  try {
    writeChunksSync(fd, chunks)
  } finally {
    closeSync(fd)
  }
}

/** The synchronous writer's buffer: fewer system calls, still never the whole report at once. */
const SYNC_WRITE_BYTES = 1024 * 1024

/**
 * writeChunks on an open descriptor of a regular file: from its position, in
 * writes of about 1 MiB, without the thread-pool round trip of each write.
 * Each piece is encoded straight into one reused buffer: no joined string,
 * no buffer per write. Returns the number of bytes written.
 */
export function writeChunksSync(fd: number, chunks: Iterable<string>): number {
  const out = Buffer.allocUnsafe(SYNC_WRITE_BYTES)
  let used = 0
  let total = 0
  const writeAll = (bytes: Uint8Array, length: number): void => {
    for (let off = 0; off < length; ) off += writeSync(fd, bytes, off, length - off)
    total += length
  }
  for (const chunk of chunks) {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (chunk.length * 3 > SYNC_WRITE_BYTES - used) {
      writeAll(out, used)
      used = 0
      if (chunk.length * 3 > SYNC_WRITE_BYTES) {
        const bytes = Buffer.from(chunk, 'utf8')
        writeAll(bytes, bytes.length)
        continue
      }
    }
    used += out.write(chunk, used, 'utf8')
  }
  writeAll(out, used)
  return total
}
