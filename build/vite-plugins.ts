/**
 * Build plugins for the script-tag files (`vite build --mode bundle`), each only making the output
 * smaller, never changing what it does (marked's lexer is trimmed by `marked-lexer.ts`):
 * - {@link minifyTemplates}: the CSS of Lit `css` templates minified with esbuild, and the
 *   indentation of `html`/`svg` templates collapsed.
 */
import { transformSync } from 'esbuild';
import MagicString from 'magic-string';
import { parseAst, type Plugin } from 'vite';
import { walk, type Node } from './ast.js';

interface Quasi extends Node {
  value: { raw: string; cooked: string | null };
}

/** Escapes text for the raw part of a template literal. */
const toRaw = (text: string): string => text.replace(/\\|`|\$\{/g, (match) => `\\${match}`);

/**
 * Minifies the CSS of one `css` template whose parts are `strings` (between the `${}` expressions).
 * An expression stands in the CSS as an identifier, or as a custom declaration where a declaration
 * list is spliced into a rule (`:host { ${dark} }`). Returns null when the result is in any doubt.
 */
function minifyCss(strings: readonly string[]): string[] | null {
  const attempt = (hole: (i: number) => string, pattern: (i: number) => RegExp): string[] | null => {
    let source = strings.map((text, i) => (i ? hole(i - 1) : '') + text).join('');
    // A template of declarations only (spliced into rules elsewhere) is minified inside a rule.
    const declarations = !source.includes('{');
    if (declarations) source = `x{${source}}`;
    const result = transformSync(source, { loader: 'css', minify: true, logLevel: 'silent' });
    if (result.warnings.length) return null;
    let css = result.code.trim();
    if (declarations) {
      if (!css.startsWith('x{') || !css.endsWith('}')) return null;
      css = css.slice(2, -1);
    }
    const parts: string[] = [];
    for (let i = 0; i < strings.length - 1; i++) {
      const match = pattern(i).exec(css);
      if (!match || pattern(i).exec(css.slice(match.index + match[0].length))) return null;
      parts.push(css.slice(0, match.index));
      css = css.slice(match.index + match[0].length);
    }
    parts.push(css);
    return parts;
  };
  return (
    attempt(
      (i) => `tpl-expr-${i}`,
      (i) => new RegExp(`tpl-expr-${i}(?![\\w-])`),
    ) ??
    attempt(
      (i) => `--tpl-expr-${i}:0;`,
      // The minifier drops the semicolon after a block's last declaration; the expression's own
      // declarations then end the block, and otherwise the semicolon is kept to separate them.
      (i) => new RegExp(`--tpl-expr-${i}:0(?=[;}])`),
    )
  );
}

/**
 * Collapses a run of whitespace holding a line break (indentation) to one space, as HTML renders
 * it everywhere but in preformatted text: a template puts no line break inside an element styled
 * `white-space: pre*` (nor in an attribute value), which also keeps such text free of stray indentation.
 */
const collapseHtml = (text: string): string => text.replace(/[ \t]*\n\s*/g, ' ');

/**
 * Minifies the static text of Lit templates in the project's own modules: `css` templates through
 * esbuild's CSS minifier (templates it cannot minify with certainty are left as written), and in
 * `html` and `svg` templates every run of whitespace with a line break becomes one space, which
 * renders the same outside preformatted text (the templates put none there).
 */
export function minifyTemplates(): Plugin {
  return {
    name: 'minify-lit-templates',
    enforce: 'post',
    transform: {
      filter: { id: /[\\/]src[\\/].*\.ts$/ },
      handler(code, id) {
        if (!/\b(?:css|html|svg)`/.test(code)) return null;
        const output = new MagicString(code);
        walk(parseAst(code), (node) => {
          if (node.type !== 'TaggedTemplateExpression') return;
          const tag = node.tag as Node & { name?: string };
          if (tag.type !== 'Identifier' || !['css', 'html', 'svg'].includes(tag.name ?? '')) return;
          const quasis = (node.quasi as { quasis: Quasi[] }).quasis;
          if (
            quasis.some((quasi) => quasi.value.cooked == null || code.slice(quasi.start, quasi.end) !== quasi.value.raw)
          )
            return;
          const strings = quasis.map((quasi) => quasi.value.cooked!);
          const minified = tag.name === 'css' ? minifyCss(strings) : strings.map(collapseHtml);
          if (!minified) {
            this.warn(`${id}: a css template was left as written`);
            return;
          }
          quasis.forEach((quasi, i) => {
            const raw = toRaw(minified[i]!);
            if (raw !== quasi.value.raw) output.overwrite(quasi.start, quasi.end, raw);
          });
        });
        return output.hasChanged() ? { code: output.toString(), map: output.generateMap({ hires: true }) } : null;
      },
    },
  };
}

/**
 * Replaces Vite's preload helper, which every `import()` goes through, by one that just loads the
 * module: with `modulePreload: false` and no CSS files it has nothing to preload, yet it would
 * still ship its `<link>` injection code.
 */
export function plainDynamicImport(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'plain-dynamic-import',
    enforce: 'pre',
    load: {
      filter: { id: new RegExp(`^${helper.replace(/[.\\/]/g, '\\$&')}$`) },
      handler: () => 'export const __vitePreload = (load) => load();',
    },
  };
}

/**
 * For the all-in-one IIFE: turns each `import('./x.js')` of the project's own modules into a
 * static import and `Promise.resolve()` of its namespace. The IIFE holds every part anyway, and
 * inlined dynamic imports would each cost a lazy-initialisation wrapper.
 */
export function staticDynamicImports(): Plugin {
  return {
    name: 'static-dynamic-imports',
    enforce: 'post',
    transform: {
      filter: { id: /[\\/]src[\\/].*\.ts$/ },
      handler(code) {
        if (!code.includes('import(')) return null;
        const output = new MagicString(code);
        const hoisted: string[] = [];
        walk(parseAst(code), (node) => {
          if (node.type !== 'ImportExpression') return;
          const source = node.source as Node & { value?: unknown };
          if (source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const name = `staticImport${hoisted.length}$`;
          hoisted.push(`import * as ${name} from ${JSON.stringify(source.value)};`);
          output.overwrite(node.start, node.end, `Promise.resolve(${name})`);
        });
        if (!hoisted.length) return null;
        output.prepend(`${hoisted.join('\n')}\n`);
        return { code: output.toString(), map: output.generateMap({ hires: true }) };
      },
    },
  };
}
