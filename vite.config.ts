import { defineConfig } from 'vite';

/**
 * Two library builds:
 * - default: ES modules for bundlers (`.` and `./element`), dependencies left as imports;
 * - `--mode bundle`: the self-contained script-tag files, every dependency inside.
 * The server kit is compiled by `tsc -p tsconfig.server.json` into `dist/server`.
 */
export default defineConfig(({ mode }) => {
  const bundle = mode === 'bundle';
  return {
    build: {
      target: 'es2022',
      emptyOutDir: false,
      minify: bundle,
      sourcemap: true,
      lib: bundle
        ? {
            entry: 'src/index.ts',
            name: 'StreamChat',
            formats: ['es', 'iife'],
            fileName: (format) => (format === 'es' ? 'stream-chat.js' : 'stream-chat.iife.js'),
          }
        : {
            entry: { index: 'src/index.ts', element: 'src/element.ts' },
            formats: ['es'],
          },
      rollupOptions: bundle ? {} : { external: [/^lit(\/|$)/, /^@lit\//, /^eventsource-parser/, /^marked/] },
    },
  };
});
