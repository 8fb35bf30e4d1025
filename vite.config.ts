import { build, defineConfig, type Plugin } from 'vite';
import { staticLitProperties } from './build/lit-properties.js';
import { markedLexerOnly } from './build/marked-lexer.js';
import { minifyTemplates, plainDynamicImport, staticDynamicImports } from './build/vite-plugins.js';

/**
 * Two library builds:
 * - default: ES modules for bundlers (`.` and `./element`), dependencies left as imports;
 * - `--mode bundle`: the self-contained script-tag files, every dependency inside:
 *   `stream-chat.js` with its optional parts in `stream-chat-*.js` files beside it, then (mode
 *   `iife`, started by the first) `stream-chat.iife.js`, one file with everything inside.
 * The server kit is compiled by `tsc -p tsconfig.server.json` into `dist/server`.
 */
export default defineConfig(({ mode }) => {
  const bundle = mode === 'bundle';
  const iife = mode === 'iife';
  return {
    // The script-tag files hold only marked's lexer, and the static text of their templates minified.
    plugins: bundle
      ? [markedLexerOnly(), staticLitProperties(), minifyTemplates(), plainDynamicImport(), thenIife()]
      : iife
        ? [markedLexerOnly(), staticLitProperties(), minifyTemplates(), staticDynamicImports()]
        : [],
    build: {
      target: 'es2022',
      emptyOutDir: false,
      minify: bundle || iife,
      // Chunks are same-folder files the module imports itself; no preload helper.
      modulePreload: false,
      sourcemap: true,
      // Library mode keeps whitespace in ES output; the script-tag files are a plain build so
      // both formats are fully minified.
      lib: bundle || iife ? false : { entry: { index: 'src/index.ts', element: 'src/element.ts' }, formats: ['es'] },
      rollupOptions: bundle
        ? {
            input: 'src/index.ts',
            // Lets the entry export what the lazily loaded parts share with it, so stream-chat.js
            // stays one file plus its optional parts beside it.
            preserveEntrySignatures: 'allow-extension',
            // Optional parts (locales other than English, widgets, the history panel, the composer
            // extras) load on first use from files beside the module.
            output: { format: 'es', entryFileNames: 'stream-chat.js', chunkFileNames: 'stream-chat-[name]-[hash].js' },
          }
        : iife
          ? {
              input: 'src/index.ts',
              output: { format: 'iife', name: 'StreamChat', entryFileNames: 'stream-chat.iife.js' },
            }
          : { external: [/^lit(\/|$)/, /^@lit\//, /^eventsource-parser/, /^marked/] },
    },
  };
});

/** Builds the IIFE (mode `iife`) once the module build is written, so one command makes both. */
function thenIife(): Plugin {
  let config: { configFile: string | undefined; logLevel: 'info' | 'warn' | 'error' | 'silent' } | undefined;
  return {
    name: 'then-iife',
    configResolved(resolved) {
      config = { configFile: resolved.configFile, logLevel: resolved.logLevel };
    },
    closeBundle: {
      sequential: true,
      async handler() {
        await build({ ...config, mode: 'iife' });
      },
    },
  };
}
