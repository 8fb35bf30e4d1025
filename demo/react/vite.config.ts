// `npm run demo:react`: this demo on Vite's dev server, with the demo backend at /chatkit.
// Vite compiles the TSX itself (automatic JSX runtime, no React plugin needed without Fast Refresh).
import { defineConfig } from 'vite';
import { demoConfig } from '../vite.shared.js';

export default defineConfig(demoConfig('react'));
