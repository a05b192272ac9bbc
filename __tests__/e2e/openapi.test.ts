import { HAVE_OPENAPI, checkRequest } from './openapi.js'

const run = HAVE_OPENAPI ? describe : describe.skip

run("the mock's check against GitHub's OpenAPI description", () => {
  it('accepts what the action sends', () => {
    expect(checkRequest('GET', '/repos/o/r/pulls/1/files', { per_page: '100', page: '2' }, undefined)).toEqual([])
    expect(
      checkRequest('POST', '/repos/o/r/pulls/1/reviews', {}, { commit_id: 'a'.repeat(40), event: 'COMMENT', body: 'b', comments: [{ path: 'a.rst', body: 'x', line: 3, side: 'RIGHT', start_line: 1, start_side: 'RIGHT' }] })
    ).toEqual([])
    expect(checkRequest('GET', '/repos/o/r/contents/specs/a%20b/t.rst', { ref: 'abc' }, undefined)).toEqual([])
  })

  it('refuses unknown paths and methods, undeclared query parameters and bodies off the schema', () => {
    expect(checkRequest('GET', '/repos/o/r/pulls/1/suggestions', {}, undefined)[0]).toMatch(/no such path/)
    expect(checkRequest('PATCH', '/repos/o/r/pulls/1/reviews', {}, {})[0]).toMatch(/has no PATCH/)
    expect(checkRequest('GET', '/repos/o/r/pulls/1/files', { sort: 'x' }, undefined)[0]).toMatch(/query parameter "sort" is not declared/)
    expect(checkRequest('POST', '/repos/o/r/pulls/1/reviews', {}, { event: 'SHOUT', comments: [{ path: 'a', body: 'x', line: 'three', side: 'MIDDLE' }] })).toEqual(
      expect.arrayContaining([expect.stringMatching(/body\.event: "SHOUT" is not one of/), expect.stringMatching(/comments\[0\]\.line: is string, not integer/)])
    )
    expect(checkRequest('POST', '/repos/o/r/check-runs', {}, { name: 'x' })).toEqual(expect.arrayContaining([expect.stringMatching(/"head_sha" is required/)]))
  })
})
