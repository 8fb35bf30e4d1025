import { defineConfig } from 'vite';
import { markedLexerOnly, minifyTemplates, plainDynamicImport } from './build/vite-plugins.js';

/**
 * Two library builds:
 * - default: ES modules for bundlers (`.` and `./element`), dependencies left as imports;
 * - `--mode bundle`: the self-contained script-tag files, every dependency inside.
 * The server kit is compiled by `tsc -p tsconfig.server.json` into `dist/server`.
 */
export default defineConfig(({ mode }) => {
  const bundle = mode === 'bundle';
  return {
    // The script-tag files hold only marked's lexer, and the static text of their templates minified.
    plugins: bundle ? [markedLexerOnly(), minifyTemplates(), plainDynamicImport()] : [],
    build: {
      target: 'es2022',
      emptyOutDir: false,
      minify: bundle,
      // Chunks are same-folder files the module imports itself; no preload helper.
      modulePreload: false,
      sourcemap: true,
      // Library mode keeps whitespace in ES output; the script-tag files are a plain build so
      // both formats are fully minified.
      lib: bundle ? false : { entry: { index: 'src/index.ts', element: 'src/element.ts' }, formats: ['es'] },
      rollupOptions: bundle
        ? {
            input: 'src/index.ts',
            // Lets the entry export what the lazily loaded widget renderers share with it, so
            // stream-chat.js stays one file plus stream-chat-widgets.js beside it.
            preserveEntrySignatures: 'allow-extension',
            output: [
              // Optional parts (locales other than English, syntax highlighting) load on first use
              // from files beside the module; the IIFE stays one file with everything inside.
              { format: 'es', entryFileNames: 'stream-chat.js', chunkFileNames: 'stream-chat-[name]-[hash].js' },
              { format: 'iife', name: 'StreamChat', entryFileNames: 'stream-chat.iife.js' },
            ],
          }
        : { external: [/^lit(\/|$)/, /^@lit\//, /^eventsource-parser/, /^marked/] },
    },
  };
});
