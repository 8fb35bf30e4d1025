// `npm run dev`: what `npm start` serves, while Vite rebuilds the script-tag file
// (dist/stream-chat.js) on every change under src/; reload the page to see a change. The demo
// backend runs the built server kit (Node 20 cannot run TypeScript), so a change under src/server/
// needs a restart.
import { build } from 'vite';

await build({ mode: 'bundle', logLevel: 'warn', build: { watch: {} } });
await import('./serve.js');
