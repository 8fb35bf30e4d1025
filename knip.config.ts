// knip (part of `npm run lint`): unused files, exports and dependencies, and imports of packages
// package.json does not list. Entries are what runs on its own; knip's Vite plugin adds the
// package entries (src/index.ts, src/element.ts) and the demos' Vite configs itself.
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    // The server kit's entry (`stream-chat-element/server`); its exports are the public API.
    'src/server/index.ts',
    // The lazily loaded widget renderers: the element reads their exports off the `import()`ed module.
    'src/widgets/index.ts',
    'web-test-runner.config.mjs',
    'custom-elements-manifest.config.mjs',
    'test/**/*.test.ts',
    'test/**/*.test-d.ts',
    'bench/*.js',
    // The demo pages' scripts (loaded by their HTML), the demo server and the screenshot script.
    'demo/*.js',
    'demo/*/main.{ts,tsx}',
  ],
  project: ['src/**/*.ts', 'test/**/*.{ts,js}', 'bench/**/*.js', 'demo/**/*.{js,ts,tsx,vue}', '*.{ts,js,mjs}'],
  // Build output: package.json's `types` and `exports` point there, but it is generated, not source.
  ignore: ['dist/**'],
  // The benches load deep-chat's script-tag bundle by its file path, to compare against it.
  ignoreDependencies: ['deep-chat'],
  // test/support/postgres.js looks for PostgreSQL's and OpenSSL's programs on the machine.
  ignoreBinaries: ['pg_config', 'openssl'],
};

export default config;
