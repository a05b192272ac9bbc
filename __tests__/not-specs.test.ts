/** not-specs: the file names that are never specs, from the input / flag, the configuration file, or the default. */
import { parseNotSpecs } from '../src/config/config.js'
import { parseConfigFile } from '../src/config/file.js'
import { applyConfigFile, envInputReader, readActionSettings } from '../src/action/settings.js'

test('input / flag: a list; "none" checks every file', () => {
  expect(parseNotSpecs('index.rst, NOTES.rst')).toEqual(['index.rst', 'NOTES.rst'])
  expect(parseNotSpecs('none')).toEqual([])
})

test('configuration file: a list, or [] for none', async () => {
  expect((await parseConfigFile('not-specs: [index.rst, "*_template.rst"]\n', 'c.yml')).notSpecs).toEqual(['index.rst', '*_template.rst'])
  expect((await parseConfigFile('not-specs: []\n', 'c.yml')).notSpecs).toEqual([])
  await expect(parseConfigFile('not-specs: 3\n', 'c.yml')).rejects.toThrow('c.yml: "not-specs" must be a string or a list of strings')
})

test('action: the input wins over the configuration file, which wins over the default', () => {
  const env = (notSpecs: string): NodeJS.ProcessEnv => ({ GITHUB_WORKSPACE: '/ws', 'INPUT_NOT-SPECS': notSpecs })
  const given = readActionSettings(envInputReader(env('none')), env('none'))
  expect(applyConfigFile(given, { source: 'c.yml', notSpecs: ['x.rst'] }).notSpecs).toEqual([])
  const empty = readActionSettings(envInputReader(env('')), env(''))
  expect(empty.notSpecs).toBeUndefined()
  expect(applyConfigFile(empty, { source: 'c.yml', notSpecs: ['x.rst'] }).notSpecs).toEqual(['x.rst'])
})
