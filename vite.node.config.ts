import { resolve } from 'node:path'
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }

/**
 * The plain-Node entries (no Electron): the web host and the CLI. Dependencies stay external and load from
 * node_modules, so the native module (serialport's N-API binding) loads from its package.
 */
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies)]

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/node',
    emptyOutDir: true,
    target: 'node24',
    sourcemap: true,
    rollupOptions: {
      input: {
        web: resolve(__dirname, 'src-main/web/main.ts'),
        cli: resolve(__dirname, 'src-main/cli/main.ts'),
        // issue 15 item 5: large responses are parsed in this worker (src-main/sep2/xml/parse-off-thread.ts).
        'sep2-parse-worker': resolve(__dirname, 'src-main/sep2/xml/parse-worker.ts'),
      },
      external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: { format: 'esm', entryFileNames: '[name].js' },
    },
  },
})
