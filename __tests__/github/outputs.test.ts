import { mkdtemp, mkdir, readFile, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FileResult, Report } from '../../src/engine/types.js'
import { actionOutputs, failedFiles, setOutputs, writeOutputFile } from '../../src/action/outputs.js'

function report(files: Partial<FileResult>[]): Report {
  const full = files.map(f => ({ file: 'x', template: 't', embeddedTemplate: false, findings: [], sections: [], ...f }))
  return {
    tool: { name: 'spec-template-check', version: '0' },
    files: full,
    totals: { files: full.length, errors: 3, warnings: 1, notices: 0, filesWithErrors: 2 }
  }
}

const r = report([
  { file: 'specs/a.rst', findings: [{ rule: 'title', severity: 'error', message: 'm', file: 'specs/a.rst', line: 1 }] },
  { file: 'specs/b.rst', findings: [{ rule: 'tab', severity: 'warning', message: 'm', file: 'specs/b.rst', line: 1 }] },
  { file: 'specs/c.rst', error: 'unreadable' },
  { file: 'specs/d.rst' }
])

describe('outputs', () => {
  it('failed-files follows fail-on (never: the files with errors)', () => {
    expect(failedFiles(r, 'error')).toEqual(['specs/a.rst', 'specs/c.rst'])
    expect(failedFiles(r, 'warning')).toEqual(['specs/a.rst', 'specs/b.rst', 'specs/c.rst'])
    expect(failedFiles(r, 'never')).toEqual(['specs/a.rst', 'specs/c.rst'])
  })

  it('sets every output', () => {
    const got: Record<string, string> = {}
    setOutputs(actionOutputs(r, 'error', { reportFile: 'out/r.json' }), (k, v) => (got[k] = v))
    expect(got).toEqual({
      'files-checked': '4',
      errors: '3',
      warnings: '1',
      suppressed: '0',
      'failed-files': '["specs/a.rst","specs/c.rst"]',
      'report-file': 'out/r.json',
      'sarif-file': ''
    })
  })
})

describe('writeOutputFile', () => {
  let ws: string
  let outside: string
  beforeEach(async () => {
    ws = await mkdtemp(path.join(tmpdir(), 'stc-out-'))
    outside = await mkdtemp(path.join(tmpdir(), 'stc-outside-'))
  })
  afterEach(async () => {
    await rm(ws, { recursive: true, force: true })
    await rm(outside, { recursive: true, force: true })
  })

  it('creates parent directories and returns the workspace-relative path', async () => {
    const rel = await writeOutputFile(ws, undefined, 'reports/deep/r.json', '{}', 'report-file')
    expect(rel).toBe('reports/deep/r.json')
    expect(await readFile(path.join(ws, 'reports/deep/r.json'), 'utf8')).toBe('{}\n')
  })

  it('refuses paths that leave the workspace', async () => {
    await expect(writeOutputFile(ws, undefined, '../x.json', '{}', 'report-file')).rejects.toThrow(/input "report-file".*inside the workspace/)
  })

  it('refuses a directory symlinked outside and a symlinked target', async () => {
    await symlink(outside, path.join(ws, 'link'))
    await expect(writeOutputFile(ws, undefined, 'link/r.json', '{}', 'report-file')).rejects.toThrow(/links outside the workspace/)
    await mkdir(path.join(ws, 'd'))
    await symlink(path.join(outside, 'target.json'), path.join(ws, 'd/r.json'))
    await expect(writeOutputFile(ws, undefined, 'd/r.json', '{}', 'sarif-file')).rejects.toThrow(/input "sarif-file".*symbolic link/)
  })

  it('writes inside RUNNER_TEMP (absolute path returned); refuses elsewhere, naming both places', async () => {
    const temp = path.join(outside, 'temp')
    await mkdir(temp)
    const abs = await writeOutputFile(ws, temp, path.join(temp, 'sub/report.json'), '{}', 'report-file')
    expect(abs).toBe(path.join(temp, 'sub/report.json'))
    expect(await readFile(abs, 'utf8')).toBe('{}\n')
    await expect(writeOutputFile(ws, temp, path.join(outside, 'x.json'), '{}', 'report-file')).rejects.toThrow(
      /must be a file path inside the workspace \(.*\) or inside RUNNER_TEMP \(.*\)/
    )
    await expect(writeOutputFile(ws, temp, temp, '{}', 'report-file')).rejects.toThrow(/inside the workspace/)
    // A directory in RUNNER_TEMP that links out of it.
    await symlink(ws, path.join(temp, 'out'))
    await expect(writeOutputFile(ws, temp, path.join(temp, 'out/r.json'), '{}', 'sarif-file')).rejects.toThrow(/links outside RUNNER_TEMP/)
  })
})
