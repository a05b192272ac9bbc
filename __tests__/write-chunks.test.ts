import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { writeChunks, writeChunksSync } from '../src/workspace/write-chunks.js'

describe('writeChunks', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'stc-chunks-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test('writes the pieces in order, small and large, multi-byte text intact, and replaces what was there', async () => {
    const file = path.join(dir, 'out.json')
    writeFileSync(file, 'x'.repeat(500_000))
    const pieces = ['{', 'é'.repeat(70_000), '', '☃', 'a'.repeat(200_000), '}\n']
    await writeChunks(file, pieces)
    expect(readFileSync(file, 'utf8')).toBe(pieces.join(''))
  })

  test('takes the pieces from a generator', async () => {
    const file = path.join(dir, 'lazy.txt')
    const seen: number[] = []
    function* gen(): Generator<string> {
      for (let i = 0; i < 5; i++) {
        seen.push(i)
        yield `${'z'.repeat(40_000)}${i}`
      }
    }
    await writeChunks(file, gen())
    expect(seen).toEqual([0, 1, 2, 3, 4])
    expect(readFileSync(file, 'utf8')).toHaveLength(5 * 40_001)
  })

  test('an open handle: written from its position and left open', async () => {
    const file = path.join(dir, 'handle.txt')
    const fh = await open(file, 'w+')
    try {
      await writeChunks(fh, ['a'.repeat(70_000), 'b'])
      await writeChunks(fh, ['c'])
      await fh.stat()
    } finally {
      await fh.close()
    }
    expect(readFileSync(file, 'utf8')).toBe('a'.repeat(70_000) + 'bc')
  })

  test('an unwritable path is an error, nothing is created', async () => {
    await expect(writeChunks(path.join(dir, 'missing', 'out.json'), ['a'])).rejects.toThrow(/ENOENT/)
  })
})

describe('writeChunksSync', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'stc-chunks-sync-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test('writes the pieces in order from the descriptor\'s position, over several large writes, multi-byte text intact', () => {
    const file = path.join(dir, 'out.json')
    const fd = openSync(file, 'w')
    const seen: number[] = []
    function* gen(): Generator<string> {
      yield '{'
      for (let i = 0; i < 6; i++) {
        seen.push(i)
        yield (i % 2 ? 'é' : '☃').repeat(400_000)
      }
      yield ''
      yield '}\n'
    }
    try {
      writeSync(fd, 'head:')
      // Returns the bytes it wrote: '{' and '}\n', 3 bytes per snowman, 2 per é.
      expect(writeChunksSync(fd, gen())).toBe(3 + 3 * 400_000 * 3 + 3 * 400_000 * 2)
      expect(writeChunksSync(fd, ['tail'])).toBe(4)
    } finally {
      closeSync(fd)
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5])
    const expected = 'head:{' + [0, 1, 2, 3, 4, 5].map(i => (i % 2 ? 'é' : '☃').repeat(400_000)).join('') + '}\ntail'
    expect(readFileSync(file, 'utf8')).toBe(expected)
  })

  test('nothing to write: the file is left as it is', () => {
    const file = path.join(dir, 'empty.txt')
    writeFileSync(file, 'kept')
    const fd = openSync(file, 'r+')
    try {
      expect(writeChunksSync(fd, [])).toBe(0)
      expect(writeChunksSync(fd, [''])).toBe(0)
    } finally {
      closeSync(fd)
    }
    expect(readFileSync(file, 'utf8')).toBe('kept')
  })
})
