/**
 * Writes text that comes in pieces (e.g. formatJsonChunks) to a file,
 * created or truncated, in writes of about 64 KiB: a large report is never
 * held as one string.
 */
import { open } from 'node:fs/promises'

const WRITE_SIZE = 64 * 1024

export async function writeChunks(file: string, chunks: Iterable<string>): Promise<void> {
  const fh = await open(file, 'w')
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
    await fh.close()
  }
}
