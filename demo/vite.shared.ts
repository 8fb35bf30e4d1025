// What the Vue, React and Angular demos share under `npm run demo:<name>`: Vite's dev server
// with the repository's server kit mounted at /chatkit (the built-in deterministic demo agent),
// `stream-chat-element` resolved to this repository's source, and the demo favicon.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';
import { ChatKitServer, MemoryStore, createChatKitHandler, createDemoAgent } from '../src/server/index.js';

const favicon = readFileSync(new URL('./favicon.svg', import.meta.url));

/** Answers POST /chatkit with the demo agent, and /favicon.svg, from Vite's own server. */
function chatkitBackend(): Plugin {
  // DEMO_DELAY_MS=0 answers at once (the tests); the default paces the text like a model.
  const delay = process.env.DEMO_DELAY_MS;
  const respond = createDemoAgent(delay === undefined ? {} : { delayMs: Number(delay) });
  const chatkit = createChatKitHandler(new ChatKitServer({ store: new MemoryStore(), respond }));
  return {
    name: 'stream-chat-demo-backend',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path === '/chatkit') return void chatkit(req, res);
        if (path === '/favicon.svg') {
          res.writeHead(200, { 'content-type': 'image/svg+xml' });
          return void res.end(favicon);
        }
        next();
      });
    },
  };
}

/** The Vite config of one framework demo folder. */
export function demoConfig(folder: 'vue' | 'react' | 'angular', plugins: Plugin[] = []): UserConfig {
  return {
    root: fileURLToPath(new URL(`./${folder}/`, import.meta.url)),
    // One dependency cache per demo inside the checkout, so demos running side by side (or
    // another checkout sharing node_modules) never invalidate each other's pre-bundled files.
    cacheDir: fileURLToPath(new URL(`../.cache/vite-demo-${folder}`, import.meta.url)),
    plugins: [...plugins, chatkitBackend()],
    resolve: { alias: { 'stream-chat-element': fileURLToPath(new URL('../src/index.ts', import.meta.url)) } },
    server: { host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 5174) },
  };
}
