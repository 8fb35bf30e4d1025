/**
 * Loads React 19 and react-dom/client in the test page.
 *
 * React publishes CommonJS only, and the test runner serves node_modules as ES modules without a
 * CommonJS transform. So this evaluates React's own development builds from node_modules with a
 * `module`/`require` of a few lines: the same code a bundler would wrap, with no copy or fork.
 */
import type * as ReactApi from 'react';
import type * as ReactDomClientApi from 'react-dom/client';

type Exports = Record<string, unknown>;
type CommonJsModule = (
  module: { exports: Exports },
  exports: Exports,
  require: (name: string) => Exports,
  process: { env: Record<string, string> },
) => void;

async function evaluate(path: string, dependencies: Record<string, Exports> = {}): Promise<Exports> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`could not load ${path}: HTTP ${response.status}`);
  const source = await response.text();
  const module = { exports: {} as Exports };
  const require = (name: string): Exports => {
    const found = dependencies[name];
    if (!found) throw new Error(`${path} requires "${name}", which the loader does not provide`);
    return found;
  };
  const run = new Function(
    'module',
    'exports',
    'require',
    'process',
    `${source}\n//# sourceURL=${path}`,
  ) as CommonJsModule;
  run(module, module.exports, require, { env: { NODE_ENV: 'development' } });
  return module.exports;
}

/** React and react-dom/client, evaluated once per page. */
export async function loadReact(): Promise<{ React: typeof ReactApi; ReactDomClient: typeof ReactDomClientApi }> {
  const react = await evaluate('/node_modules/react/cjs/react.development.js');
  const scheduler = await evaluate('/node_modules/scheduler/cjs/scheduler.development.js');
  const reactDom = await evaluate('/node_modules/react-dom/cjs/react-dom.development.js', { react });
  const client = await evaluate('/node_modules/react-dom/cjs/react-dom-client.development.js', {
    react,
    'react-dom': reactDom,
    scheduler,
  });
  return { React: react as unknown as typeof ReactApi, ReactDomClient: client as unknown as typeof ReactDomClientApi };
}
