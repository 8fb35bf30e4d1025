import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';
import '../frameworks.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html needs <div id="root">');
createRoot(container).render(
  <StrictMode>
    <App token="demo-token" />
  </StrictMode>,
);
