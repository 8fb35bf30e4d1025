/**
 * {@link staticLitProperties}: the script-tag files declare the element's reactive properties as
 * Lit's `static properties` instead of through `@property()` decorators, which compile to a
 * decorator helper and one call per property (and ship the decorator module).
 */
import MagicString from 'magic-string';
import { parseAst, type Plugin } from 'vite';
import { walk, type Node } from './ast.js';

/**
 * Rewrites each class whose fields carry Lit's `@property(options)` (imported from
 * `lit/decorators.js`) to declare them in `static properties = {field: options, ...}`, which Lit
 * reads when the element is defined, as the decorators would have told it. Any other decorator,
 * a computed or static decorated field, or a second argument fails the build.
 */
export function staticLitProperties(): Plugin {
  return {
    name: 'static-lit-properties',
    enforce: 'pre',
    transform: {
      filter: { id: /[\\/]src[\\/].*\.ts$/, code: '@property(' },
      handler(code, id) {
        const fail = (why: string): never => this.error(`static-lit-properties: ${id}: ${why}`);
        const ast = parseAst(code, { lang: 'ts' }) as unknown as Node & { body: Node[] };
        const imported = ast.body.find(
          (statement) =>
            statement.type === 'ImportDeclaration' &&
            (statement.source as { value: string }).value === 'lit/decorators.js',
        );
        const specifiers = (imported?.specifiers as Node[] | undefined) ?? [];
        if (specifiers.length !== 1 || (specifiers[0]!.imported as { name: string }).name !== 'property')
          return fail('`property` is not imported alone from lit/decorators.js');
        const local = (specifiers[0]!.local as { name: string }).name;
        const output = new MagicString(code);
        let rewritten = 0;
        const classes: Node[] = [];
        walk(ast, (node) => {
          if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') classes.push(node);
        });
        for (const cls of classes) {
          const entries: string[] = [];
          for (const member of (cls.body as { body: Node[] }).body) {
            const decorators = (member.decorators as Node[] | undefined) ?? [];
            if (!decorators.length) continue;
            const [decorator] = decorators;
            const call = decorator!.expression as Node;
            const callee = call.callee as Node & { name?: string };
            const args = (call.arguments as Node[] | undefined) ?? [];
            if (decorators.length > 1 || call.type !== 'CallExpression' || callee.name !== local || args.length > 1)
              return fail('a decorator other than one @property(options)');
            const key = member.key as Node & { name?: string };
            if (member.type !== 'PropertyDefinition' || member.static || member.computed || key.type !== 'Identifier')
              return fail(`@property on ${code.slice(member.start, member.end)}`);
            // No options: Lit's defaults, as `createProperty(name, undefined)` gives them to the decorator.
            entries.push(`${key.name}: ${args[0] ? code.slice(args[0].start, args[0].end) : 'void 0'}`);
            output.remove(decorator!.start, decorator!.end);
          }
          if (!entries.length) continue;
          output.appendLeft((cls.body as Node).start + 1, `static properties = {${entries.join(', ')}};`);
          rewritten += entries.length;
        }
        if (!rewritten) return null;
        output.remove(imported!.start, imported!.end);
        return { code: output.toString(), map: output.generateMap({ hires: true }) };
      },
    },
  };
}
