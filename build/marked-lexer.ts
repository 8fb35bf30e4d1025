/**
 * {@link markedLexerOnly}: the part of marked the script-tag files ship, which is its `Lexer` with
 * the options `src/markdown/parse.ts` fixes (GFM on; pedantic, `breaks`, extensions and hooks off),
 * and nothing else. Everything it removes is checked against the code of the installed marked:
 * when marked changes shape so that a step no longer applies, the build fails instead of shipping
 * more (or less) than it should.
 */
import MagicString from 'magic-string';
import { parseAst, type Plugin } from 'vite';
import { walk, type Node } from './ast.js';

type Named = Node & { name: string };

/** The lexer options `parse.ts` passes, as the constants the build folds into marked's code. */
const FIXED_OPTIONS: Record<string, string> = {
  pedantic: '!1',
  breaks: '!1',
  gfm: '!0',
  extensions: 'null',
  hooks: 'null',
};

/** Rule tables the fixed options never select. */
const UNUSED_TABLES = ['pedantic', 'breaks'];

/** Static members of the `Lexer` the element never calls (it creates lexers with `new Lexer()`). */
const UNUSED_STATICS = ['rules', 'lex', 'lexInline'];

/**
 * Ends marked's module before its default instance (`const marked = new Marked()` and the `marked.*`
 * functions bound to it) and keeps only the `Lexer` of its exports, then takes out of the lexer
 * what the fixed options make unreachable:
 * - `this.options.pedantic` (and `breaks`, `gfm`, `extensions`, `hooks`) become constants, so the
 *   minifier drops the branches they never take; the `Lexer` constructor throws if it is ever given
 *   other values;
 * - the pedantic and `breaks` rule tables, and the `Lexer`'s static `rules`, `lex` and `lexInline`;
 * - then, until nothing changes, every top-level declaration nothing refers to any more (checked
 *   to have no side effects) and every entry of the shared table of small patterns (`other`) that
 *   no code reads.
 */
export function markedLexerOnly(): Plugin {
  return {
    name: 'marked-lexer-only',
    transform: {
      filter: { id: /[\\/]node_modules[\\/]marked[\\/]lib[\\/]marked\.esm\.js$/ },
      handler(code) {
        const fail = (why: string): never =>
          this.error(`marked-lexer-only: ${why}; marked.esm.js has changed shape, update build/marked-lexer.ts`);
        // `var v=new ne;function x(l,e){return v.parse(l,e)}`: the default instance and `marked()`.
        const instance = /var ([\w$]+)=new [\w$]+;function [\w$]+\([\w$]+,[\w$]+\)\{return \1\.parse\(/.exec(code);
        const exports = /export\{([^}]*)\};?\s*(\/\/# sourceMappingURL=.*)?\s*$/.exec(code);
        if (!instance || !exports) return fail('no default instance or no export list');
        const lexer = exports[1]!.split(',').find((spec) => spec.trim().endsWith(' as Lexer'));
        if (!lexer) return fail('the Lexer is not exported');
        const head = `${code.slice(0, instance.index)}\n`;
        const output = new MagicString(head);
        output.append(`export{${lexer.trim()}};\n`);
        trimLexer(parseAst(head).body as unknown as Node[], lexer.split(' as ')[0]!.trim(), output, fail);
        // Only ranges are cut and text appended: the rest maps to where it was.
        return { code: output.toString(), map: output.generateMap({ hires: true }) };
      },
    },
  };
}

/** One top-level declaration: a function, or one declarator of a `var` list. */
interface Declaration {
  name: string;
  node: Node;
  /** The expression whose evaluation removing the declaration skips (none for a function). */
  init: Node | null;
}

function trimLexer(body: Node[], lexerName: string, output: MagicString, fail: (why: string) => never): void {
  const removed = new Set<Node>();
  const remove = (node: Node) => removed.add(node);

  // The top-level declarations, and the `var` lists the declarators belong to.
  const declarations = new Map<string, Declaration>();
  const lists: Node[][] = [];
  for (const statement of body) {
    if (statement.type === 'FunctionDeclaration') {
      const name = (statement.id as Named).name;
      declarations.set(name, { name, node: statement, init: null });
    } else if (statement.type === 'VariableDeclaration') {
      const declarators = statement.declarations as Node[];
      lists.push(declarators);
      for (const declarator of declarators) {
        const id = declarator.id as Named;
        if (id.type !== 'Identifier') fail('a top-level declaration is not a plain name');
        declarations.set(id.name, { name: id.name, node: declarator, init: declarator.init as Node | null });
      }
    } else if (statement.type !== 'ExpressionStatement' || !isPure(statement.expression as Node, () => false)) {
      // Top-level statements other than declarations would run whatever is removed around them.
      fail(`unexpected top-level ${statement.type}`);
    }
  }
  const lexerClass = declarations.get(lexerName)?.init;
  if (lexerClass?.type !== 'ClassExpression') return fail('the Lexer is not a class');
  const members = (lexerClass.body as { body: Node[] }).body;

  // The options become constants; the constructor refuses others.
  const folded = new Map<string, number>();
  const constants = new Map<Node, boolean>();
  walk(body, (node, parent) => {
    if (!isMember(node, 'options') || (node.object as Node).type !== 'ThisExpression') return;
    if (parent?.type !== 'MemberExpression' || parent.computed || parent.object !== node) return;
    const name = (parent.property as Named).name;
    const constant = FIXED_OPTIONS[name];
    if (constant === undefined) return;
    if (parent.optional) fail(`this.options?.${name}`);
    output.overwrite(parent.start, parent.end, constant);
    if (constant !== 'null') constants.set(parent, constant === '!0');
    folded.set(name, (folded.get(name) ?? 0) + 1);
  });
  // The branches those constants never take refer to nothing (the minifier drops them).
  const dead = deadBranches(body, constants);
  for (const node of dead) removed.add(node);
  for (const name of ['pedantic', 'gfm', 'breaks', 'extensions'])
    if (!folded.get(name)) fail(`no read of this.options.${name}`);
  const constructor = members.find((member) => member.kind === 'constructor');
  const param = ((constructor?.value as Node | undefined)?.params as Named[] | undefined)?.[0];
  if (!constructor || param?.type !== 'Identifier') return fail('no Lexer constructor with an options parameter');
  const { name: options } = param;
  const refused = Object.entries(FIXED_OPTIONS)
    .map(([name, constant]) => `${options}.${name}!==${constant}`)
    .join('||');
  output.appendLeft(
    ((constructor.value as Node).body as Node).start + 1,
    `if(${options}&&(${refused}))throw Error("marked-lexer-only: other lexer options");`,
  );

  // The static members the element never calls, among them `rules`, the only holder of the tables.
  for (const name of UNUSED_STATICS) {
    const member = members.find((each) => each.static && (each.key as Named).name === name);
    if (!member) fail(`no static Lexer.${name}`);
    else remove(member);
  }
  // The tables of every variant: `{normal, gfm, pedantic}` for blocks, plus `breaks` for inline text.
  const tables = [...declarations.values()].filter(({ init }) => {
    const keys = init?.type === 'ObjectExpression' ? (init.properties as Node[]).map(propertyName) : [];
    return keys.includes('normal') && keys.includes('gfm') && keys.includes('pedantic');
  });
  if (tables.length !== 2) fail(`found ${tables.length} rule table sets, not 2`);
  const unusedTables: string[] = [];
  for (const { init } of tables) {
    for (const property of init!.properties as Node[]) {
      if (!UNUSED_TABLES.includes(propertyName(property) ?? '')) continue;
      const value = property.value as Named;
      if (value.type !== 'Identifier') fail('a rule table is not a named variable');
      unusedTables.push(value.name);
      remove(property);
    }
  }

  // The GFM tables extend the CommonMark ones (`{...normal, ...}`), which the lexer never reads
  // itself but to start from them, and at once replace them by the GFM ones: it starts from the GFM
  // ones, and the CommonMark entries the GFM tables keep are written into them.
  const inlined = new Set<Node>();
  for (const { name, init } of tables) {
    const variant = (key: string) => {
      const value = ((init!.properties as Node[]).find((each) => propertyName(each) === key)?.value ?? {}) as Named;
      const declaration = value.type === 'Identifier' ? declarations.get(value.name) : undefined;
      if (declaration?.init?.type !== 'ObjectExpression') fail(`the ${key} rules of ${name} are not an object`);
      return declaration!;
    };
    const [normal, gfm] = [variant('normal'), variant('gfm')];
    let reads = 0;
    walk(body, (node) => {
      const object = node.object as Named | undefined;
      if (!isMember(node, 'normal') || object?.type !== 'Identifier' || object.name !== name) return;
      output.overwrite((node.property as Node).start, (node.property as Node).end, 'gfm');
      reads++;
    });
    if (!reads) fail(`no read of ${name}.normal`);
    remove((init!.properties as Node[]).find((each) => propertyName(each) === 'normal')!);
    const [spread, ...own] = gfm.init!.properties as Node[];
    const base = normal.init!.properties as Node[];
    const argument = spread?.argument as Named | undefined;
    if (spread?.type !== 'SpreadElement' || argument?.name !== normal.name || own.some((each) => !propertyName(each)))
      fail(`the gfm rules of ${name} do not start with ...${normal.name}`);
    if (base.some((each) => !propertyName(each))) fail(`the normal rules of ${name} are not plain entries`);
    const replaced = new Set(own.map(propertyName));
    const kept = base.filter((each) => !replaced.has(propertyName(each)));
    for (const each of base) if (replaced.has(propertyName(each))) remove(each);
    output.overwrite(
      spread!.start,
      spread!.end,
      kept.map((each) => output.original.slice(each.start, each.end)).join(','),
    );
    remove(spread!);
    inlined.add(normal.node);
  }

  const other = otherPatterns(lexerClass, declarations, fail);
  const otherName = [...declarations.values()].find(({ init }) => init === other)!.name;
  for (let changed = true; changed;) {
    changed = false;
    const refs = references(body, removed, declarations);
    for (const declaration of declarations.values()) {
      if (removed.has(declaration.node) || inlined.has(declaration.node) || declaration.name === lexerName) continue;
      if (refs.get(declaration.name)) continue;
      if (declaration.init && !isPure(declaration.init, (callee) => isPureFunction(callee, declarations))) continue;
      remove(declaration.node);
      changed = true;
    }
    if (!other) continue;
    const read = memberNames(body, removed, other, otherName);
    for (const property of other.properties as Node[]) {
      const name = propertyName(property);
      if (
        removed.has(property) ||
        !name ||
        read.has(name) ||
        !isPure(property.value as Node, (callee) => isPureFunction(callee, declarations))
      )
        continue;
      remove(property);
      changed = true;
    }
  }
  for (const name of unusedTables)
    if (!removed.has(declarations.get(name)!.node)) fail(`the rule table ${name} is still referenced`);
  const refs = references(body, removed, declarations);
  for (const node of inlined) {
    const name = (node.id as Named).name;
    if (refs.get(name)) fail(`the rule table ${name}, written into another, is still referenced`);
    removed.add(node);
  }

  for (const declarators of lists) removeListItems(declarators, removed, output, true);
  for (const { init } of tables) removeListItems(init!.properties as Node[], removed, output, false);
  if (other) removeListItems(other.properties as Node[], removed, output, false);
  for (const node of removed)
    if (!dead.has(node) && (node.type === 'FunctionDeclaration' || node.type === 'MethodDefinition'))
      output.remove(node.start, node.end);
}

/**
 * The branches that constant tests never take: `c ? a : b`, `if (c) a; else b`, `c && a`, `c || a`,
 * where `c` is one of the constants (or `!c`, or such tests joined by `&&` and `||`).
 */
function deadBranches(body: Node[], constants: Map<Node, boolean>): Set<Node> {
  const value = (node: Node): boolean | undefined => {
    if (constants.has(node)) return constants.get(node);
    if (node.type === 'UnaryExpression' && node.operator === '!') {
      const inner = value(node.argument as Node);
      return inner === undefined ? undefined : !inner;
    }
    if (node.type === 'LogicalExpression' && (node.operator === '&&' || node.operator === '||')) {
      const [left, right] = [value(node.left as Node), value(node.right as Node)];
      if (node.operator === '&&') return left === false || right === false ? false : left && right;
      return left === true || right === true ? true : left === false && right === false ? false : undefined;
    }
    return undefined;
  };
  const dead = new Set<Node>();
  walk(body, (node) => {
    if (node.type === 'ConditionalExpression' || node.type === 'IfStatement') {
      const test = value(node.test as Node);
      const branch = test === true ? node.alternate : test === false ? node.consequent : null;
      if (branch) dead.add(branch as Node);
    } else if (node.type === 'LogicalExpression' && (node.operator === '&&' || node.operator === '||')) {
      const left = value(node.left as Node);
      if (left === (node.operator === '||')) dead.add(node.right as Node);
    }
  });
  return dead;
}

/** Cuts the removed items of a comma-separated list (a `var` list's declarators, an object's properties). */
function removeListItems(items: Node[], removed: Set<Node>, output: MagicString, statement: boolean): void {
  const kept = items.filter((item) => !removed.has(item));
  if (kept.length === items.length) return;
  if (!kept.length && statement) {
    // `var a=...;` with nothing left: the whole statement goes (its `var ` and `;` included).
    const [start, end] = [items[0]!.start - 'var '.length, items.at(-1)!.end + 1];
    if (output.original.slice(start, items[0]!.start) !== 'var ' || output.original[end - 1] !== ';')
      throw new Error('marked-lexer-only: a `var` statement is not written as `var a=...;`');
    output.remove(start, end);
    return;
  }
  if (!kept.length) {
    output.remove(items[0]!.start, items.at(-1)!.end);
    return;
  }
  const lastKept = items.indexOf(kept.at(-1)!);
  items.forEach((item, i) => {
    if (!removed.has(item)) return;
    // An item before the last kept one goes with the comma after it; the ones after it with the comma before.
    if (i < lastKept) output.remove(item.start, items[i + 1]!.start);
    else if (i === lastKept + 1) output.remove(items[lastKept]!.end, items.at(-1)!.end);
  });
}

/** The table of small patterns the tokenizer reads as `this.rules.other.x`: the `other` of the rules the Lexer builds. */
function otherPatterns(lexerClass: Node, declarations: Map<string, Declaration>, fail: (why: string) => never) {
  let name: string | undefined;
  walk(lexerClass, (node) => {
    if (node.type === 'Property' && propertyName(node) === 'other' && (node.value as Node).type === 'Identifier')
      name = (node.value as Named).name;
  });
  const init = name ? declarations.get(name)?.init : undefined;
  if (init?.type !== 'ObjectExpression') return fail('no `other` pattern table');
  return init;
}

/**
 * The names read anywhere but in the table itself, as `x.name`, `x["name"]` or `{name} = x`; a
 * computed read of the table (`table[name]`, `rules.other[name]`) counts as reading every entry.
 */
function memberNames(body: Node[], removed: Set<Node>, table: Node, tableName: string): Set<string> {
  const names = new Set<string>();
  walk(body, (node, parent) => {
    if (removed.has(node) || node === table) return false;
    if (node.type === 'Property' && parent?.type === 'ObjectPattern') names.add(propertyName(node) ?? '');
    if (node.type !== 'MemberExpression') return;
    const property = node.property as Node;
    const object = node.object as Node;
    if (!node.computed) names.add((property as Named).name);
    else if (property.type === 'Literal') names.add(String(property.value));
    else if ((object.type === 'Identifier' && (object as Named).name === tableName) || isMember(object, 'other'))
      for (const each of table.properties as Node[]) names.add(propertyName(each) ?? '');
  });
  return names;
}

/** How many times each top-level name is referred to outside its own declaration (an upper bound). */
function references(body: Node[], removed: Set<Node>, declarations: Map<string, Declaration>): Map<string, number> {
  const counts = new Map<string, number>();
  const own = new Set([...declarations.values()].map(({ node }) => node.id));
  walk(body, (node, parent) => {
    if (removed.has(node)) return false;
    if (node.type !== 'Identifier' || own.has(node)) return;
    // Property names are not references (a shorthand `{a}` holds its value as a separate node).
    if (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) return;
    if (
      (parent?.type === 'Property' || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') &&
      parent.key === node &&
      !parent.computed &&
      !(parent.shorthand && parent.value === node)
    )
      return;
    const name = (node as Named).name;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  return counts;
}

function propertyName(node: Node): string | undefined {
  if (node.type !== 'Property' || node.computed) return undefined;
  const key = node.key as Node & { name?: string; value?: unknown };
  return key.type === 'Identifier' ? key.name : typeof key.value === 'string' ? key.value : undefined;
}

function isMember(node: Node, name: string): boolean {
  return node.type === 'MemberExpression' && !node.computed && (node.property as Named).name === name;
}

/**
 * Whether calling `callee` only computes a value: it names a top-level function (like marked's
 * pattern builder `g(source, flags)`, whose result has only `replace` and `getRegex`, or the
 * memoizing `D(make)`) whose body declares local values and returns one, all of them pure.
 */
function isPureFunction(callee: Node, declarations: Map<string, Declaration>, seen = new Set<string>()): boolean {
  if (callee.type !== 'Identifier') return false;
  const name = (callee as Named).name;
  const declaration = declarations.get(name);
  if (!declaration || seen.has(name)) return false;
  seen.add(name);
  const fn = declaration.node.type === 'FunctionDeclaration' ? declaration.node : declaration.init;
  if (fn?.type !== 'FunctionDeclaration' && fn?.type !== 'ArrowFunctionExpression') return false;
  const pure = (node: Node | null | undefined) =>
    node == null || isPure(node, (inner) => isPureFunction(inner, declarations, seen));
  const params = (fn.params as Node[]).every(
    (param) => param.type === 'Identifier' || (param.type === 'AssignmentPattern' && pure(param.right as Node)),
  );
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return params && pure(body);
  const statements = body.body as Node[];
  return (
    params &&
    statements.at(-1)?.type === 'ReturnStatement' &&
    pure(statements.at(-1)!.argument as Node) &&
    statements
      .slice(0, -1)
      .every(
        (statement) =>
          statement.type === 'VariableDeclaration' &&
          (statement.declarations as Node[]).every((declarator) => pure(declarator.init as Node)),
      )
  );
}

/**
 * Whether evaluating `node` has no effect but its value: literals, names, functions, classes
 * without static code, objects and arrays of such, and calls of the pattern builders and of the
 * `replace` and `getRegex` of what they return.
 */
function isPure(node: Node, builder: (callee: Node) => boolean): boolean {
  const pure = (child: unknown): boolean => child == null || isPure(child as Node, builder);
  switch (node.type) {
    case 'Literal':
    case 'Identifier':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return true;
    case 'TemplateLiteral':
      return (node.expressions as Node[]).every(pure);
    case 'ClassExpression':
      return (
        node.superClass == null &&
        ((node.body as Node).body as Node[]).every(
          (member) =>
            (member.type === 'MethodDefinition' || member.type === 'PropertyDefinition') &&
            !member.computed &&
            (!member.static || member.type === 'MethodDefinition' || pure(member.value)),
        )
      );
    case 'ObjectExpression':
      return (node.properties as Node[]).every((property) =>
        property.type === 'SpreadElement'
          ? (property.argument as Node).type === 'Identifier'
          : !property.computed && property.kind === 'init' && pure(property.value),
      );
    case 'ArrayExpression':
      return (node.elements as Node[]).every(pure);
    case 'MemberExpression':
      return !node.computed && pure(node.object);
    case 'UnaryExpression':
      return node.operator !== 'delete' && pure(node.argument);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return pure(node.left) && pure(node.right);
    case 'ConditionalExpression':
      return pure(node.test) && pure(node.consequent) && pure(node.alternate);
    case 'NewExpression':
      return (
        ['RegExp', 'Set', 'Map', 'WeakMap'].includes((node.callee as Named).name) &&
        (node.arguments as Node[]).every(pure)
      );
    case 'CallExpression': {
      const callee = node.callee as Node;
      const args = (node.arguments as Node[]).every(pure);
      if (isMember(callee, 'replace') || isMember(callee, 'getRegex'))
        return args && isPure(callee.object as Node, builder) && (callee.object as Node).type === 'CallExpression';
      return args && builder(callee);
    }
    default:
      return false;
  }
}
