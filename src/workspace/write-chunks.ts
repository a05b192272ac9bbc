/**
 * Writes text that comes in pieces (e.g. formatJsonChunks) to a file (a
 * path: created or truncated; or an open handle: from its position), in
 * writes of about 64 KiB: a large report is never held as one string.
 */
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
