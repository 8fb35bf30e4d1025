// `npm run demo:vue`: this demo on Vite's dev server, with the demo backend at /chatkit.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { demoConfig } from '../vite.shared.js';

export default defineConfig(
  demoConfig('vue', [
    vue({
      template: {
        // <stream-chat> is a custom element, not a Vue component: compile it as a plain element.
        compilerOptions: { isCustomElement: (tag) => tag === 'stream-chat' },
      },
    }),
  ]),
);
