import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [
    vue({
      template: {
        // <stream-chat> is a custom element, not a Vue component: compile it as a plain element.
        compilerOptions: { isCustomElement: (tag) => tag === 'stream-chat' },
      },
    }),
  ],
  server: {
    // The demo backend (`PORT=8787 npm start` in the stream-chat-element repo).
    proxy: { '/chatkit': 'http://127.0.0.1:8787' },
  },
});
