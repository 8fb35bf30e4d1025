// `npm run demo:angular`: this demo on Vite's dev server, with the demo backend at /chatkit. The
// component is compiled in the page (JIT: main.ts loads @angular/compiler), so no Angular CLI.
import { defineConfig } from 'vite';
import { demoConfig } from '../vite.shared.js';

export default defineConfig(demoConfig('angular'));
