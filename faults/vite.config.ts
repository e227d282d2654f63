import { resolve } from 'node:path'
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'
import pkg from '../package.json' with { type: 'json' }

/**
 * The fault suite (`npm run faults`): one plain-Node bundle, out/faults/main.js. It imports the simulators, the PKI
 * generator and the codec from the sources; the program under test is always the built CLI / web host, run as child
 * processes. Dependencies stay external, as in vite.node.config.ts.
 */
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies)]

export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(__dirname, '../out/faults'),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: { main: resolve(__dirname, 'main.ts') },
      external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: { format: 'esm', entryFileNames: '[name].js' },
    },
  },
})
