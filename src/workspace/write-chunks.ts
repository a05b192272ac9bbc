/**
 * Writes text that comes in pieces (e.g. formatJsonChunks) to a file (a
 * path: created or truncated; or an open handle: from its position), in
 * writes of about 64 KiB: a large report is never held as one string.
 */
import { writeSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'

const WRITE_SIZE = 64 * 1024

export async function writeChunks(file: string | FileHandle, chunks: Iterable<string>): Promise<void> {
  const fh = typeof file === 'string' ? await open(file, 'w') : file
  try {
    let buffer = ''
    for (const chunk of chunks) {
      buffer += chunk
      if (buffer.length >= WRITE_SIZE) {
        await fh.writeFile(buffer, 'utf8')
        buffer = ''
      }
    }
    if (buffer) await fh.writeFile(buffer, 'utf8')
  } finally {
    if (fh !== file) await fh.close()
  }
}

/** Larger pieces for the synchronous writer: fewer system calls, still never the whole report at once. */
const SYNC_WRITE_SIZE = 1024 * 1024

/**
 * writeChunks on an open descriptor of a regular file, synchronously (the
 * CLI, which has nothing else to do meanwhile): from its position, in
 * writes of about 1 MiB, without the thread-pool round trip of each write.
 */
export function writeChunksSync(fd: number, chunks: Iterable<string>): void {
  let buffer = ''
  const flush = (): void => {
    const bytes = Buffer.from(buffer, 'utf8')
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off)
    buffer = ''
  }
  for (const chunk of chunks) {
    buffer += chunk
    if (buffer.length >= SYNC_WRITE_SIZE) flush()
  }
  if (buffer) flush()
}
