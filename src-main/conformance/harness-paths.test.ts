import { describe, expect, it } from 'vitest'
import { harnessPath } from './harness-paths'

const ids = { devices: ['site-1', 'other'], programs: ['p-a', 'p-b', 'p-c', 'p-d', 'p-e', 'p-f'] }

describe('simulator paths in the harness layout the procedures name', () => {
  const rows: [string, string | undefined][] = [
    ['/api/v2/dcap', '/dcap'],
    ['/api/v2/tm', '/tm'],
    ['/api/v2/edev', '/edev'],
    ['/api/v2/edev?s=0&l=10', '/edev'],
    ['/api/v2/edev/site-1', '/edev/1'],
    ['/api/v2/edev/site-1/rg', '/edev/1/rg'],
    ['/api/v2/edev/site-1/fsa/1/derp', '/edev/1/fsa/1/derp'],
    ['/api/v2/edev/other/fsa', '/edev/2/fsa'],
    ['/api/v2/edev/site-1/der/1/ders', '/edev/1/der/1/ders'],
    ['/api/v2/derp/p-a/derc', '/edev/1/derp/1/derc'],
    ['/api/v2/derp/p-f/dderc', '/edev/1/derp/6/dderc'],
    ['/api/v2/derp/p-b/derc/0123456789ABCDEF0123456789ABCDEF', '/edev/1/derp/2/derc/0123456789ABCDEF0123456789ABCDEF'],
    ['/api/v2/rsps/res-ms/rsp', '/edev/1/rsps/site_control/rsp'],
    ['/api/v2/rsps/res-ms/rsp/7', '/edev/1/rsps/site_control/rsp/7'],
    ['/api/v2/mup', '/mup'],
    ['/api/v2/mup/3', '/mup/3'],
    ['/api/v2/derp/unknown/derc', undefined],
    ['/elsewhere/dcap', undefined],
  ]
  for (const [sim, harness] of rows) it(`${sim} -> ${String(harness)}`, () => expect(harnessPath(sim, ids)).toBe(harness))
})
