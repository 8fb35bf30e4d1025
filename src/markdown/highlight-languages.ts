/**
 * The languages the code-block highlighter knows: for each, regular-expression rules tried in
 * order at every position of the code. No Lit and no DOM.
 *
 * Token classes (one letter, used as `hl-<class>` span classes): k keyword, s string, c comment,
 * n number or constant, f function, t type or class, p property, key, attribute or variable,
 * g tag, m meta (preprocessor, decorator, diff hunk), i inserted line, d deleted line; '' plain.
 */

/** A rule: a class and a pattern without capture groups, or a sub-language for the match. */
type Rule = readonly [cls: string | Language, pattern: string];

export interface Language {
  readonly rules: readonly Rule[];
  /** Words (matched by a rule of class 'w') that are keywords, types and constants. */
  readonly keywords?: ReadonlySet<string>;
  readonly types?: ReadonlySet<string>;
  readonly constants?: ReadonlySet<string>;
  /** Words that are looked up lower-cased (SQL). */
  readonly anyCase?: boolean;
  /** Capitalised words are types (class names in C-like languages and Python). */
  readonly capitals?: boolean;
}

const words = (list: string): ReadonlySet<string> => new Set(list.split(' '));

/** The end of the input: an unterminated comment or string runs to it. */
const END = '(?![\\s\\S])';
const WORD: Rule = ['w', '[A-Za-z_$][\\w$]*'];
const NUMBER: Rule = ['n', '\\b(?:0[xX][\\da-fA-F_]+|0[bBoO][0-7_]+|\\d[\\d_]*\\.?[\\d_]*(?:[eE][+-]?\\d+)?)[a-zA-Z]*'];
const LINE_COMMENT: Rule = ['c', '\\/\\/.*'];
const BLOCK_COMMENT: Rule = ['c', `\\/\\*[\\s\\S]*?(?:\\*\\/|${END})`];
const HASH_COMMENT: Rule = ['c', '(?<![^\\s;|&(])#.*'];
const DOUBLE: Rule = ['s', '"(?:\\\\.|[^"\\\\\\n])*"'];
const SINGLE: Rule = ['s', "'(?:\\\\.|[^'\\\\\\n])*'"];
/** A character literal: one character or escape. */
const CHAR: Rule = ['s', "'(?:\\\\(?:u\\{[\\da-fA-F]+\\}|x[\\da-fA-F]{2}|.)|[^'\\\\\\n])'"];
const BACKTICK: Rule = ['s', '`(?:\\\\[\\s\\S]|[^`\\\\])*`'];
const ANNOTATION: Rule = ['m', '@[A-Za-z_][\\w.]*'];
const C_LIKE = [LINE_COMMENT, BLOCK_COMMENT] as const;

/** The inside of a markup tag: its name, attribute names and values. */
const tag: Language = {
  rules: [['g', '<\\/?[\\w:.-]+'], DOUBLE, SINGLE, ['p', '[^\\s=/>"\']+']],
};
// No part of a tag may hold '<' or a quoted value a line break, so a failed match stops early.
const TAG: Rule = [
  tag,
  `<\\/?[A-Za-z][\\w:.-]*(?:\\s+[^\\s=/><]+(?:\\s*=\\s*(?:"[^"<\\n]*"|'[^'<\\n]*'|[^\\s><]+))?)*\\s*\\/?>`,
];

const JS_KEYWORDS =
  'break case catch class const continue default delete do else export extends finally for function if import in instanceof let new of return static super switch this throw try typeof var void while yield async await from as';
const TS_KEYWORDS = ' interface type enum implements namespace abstract private protected public readonly keyof';
const JS_CONSTANTS = words('true false null undefined NaN Infinity');
const TS_TYPES = words('string number boolean any unknown never void object symbol bigint');

function script(typescript: boolean, jsx: boolean): Language {
  return {
    rules: [...C_LIKE, DOUBLE, SINGLE, BACKTICK, ...(jsx ? [TAG] : []), ANNOTATION, NUMBER, WORD],
    keywords: words(JS_KEYWORDS + (typescript ? TS_KEYWORDS : '')),
    types: typescript ? TS_TYPES : undefined,
    constants: JS_CONSTANTS,
    capitals: true,
  };
}

const python: Language = {
  rules: [
    ['c', '#.*'],
    [
      's',
      `(?:\\b[rRbBuUfF]{1,2})?(?:"""[\\s\\S]*?(?:"""|${END})|'''[\\s\\S]*?(?:'''|${END})|"(?:\\\\.|[^"\\\\\\n])*"|'(?:\\\\.|[^'\\\\\\n])*')`,
    ],
    ANNOTATION,
    NUMBER,
    WORD,
  ],
  keywords: words(
    'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case self',
  ),
  types: words('int str float bool list dict set tuple bytes object type'),
  constants: words('True False None'),
  capitals: true,
};

const shell: Language = {
  rules: [
    HASH_COMMENT,
    ['s', '"(?:\\\\[\\s\\S]|[^"\\\\])*"'],
    ['s', "'[^']*'"],
    ['p', '\\$(?:\\{[^}\\n]*\\}|\\w+|[@#?$!*0-9-])'],
    ['', '(?<![\\w-])--?[A-Za-z][\\w-]*'],
    ['n', '(?<![\\w./-])\\d+\\b'],
    ['w', '(?<![\\w/.$-])[A-Za-z_][\\w]*(?![\\w/.-])'],
  ],
  keywords: words(
    'if then else elif fi for while until do done case esac in function return select local export exit break continue',
  ),
  types: words('echo printf cd read exec set sudo'),
  constants: words('true false'),
};

const markup: Language = {
  rules: [
    ['c', `<!--[\\s\\S]*?(?:-->|${END})`],
    ['m', `<![A-Za-z][^>]*(?:>|${END})|<!\\[CDATA\\[[\\s\\S]*?(?:\\]\\]>|${END})|<\\?[\\s\\S]*?(?:\\?>|${END})`],
    TAG,
    ['n', '&#?\\w+;'],
  ],
};

const css: Language = {
  rules: [
    BLOCK_COMMENT,
    DOUBLE,
    SINGLE,
    ['k', '@[\\w-]+|!important'],
    ['n', '#[\\da-fA-F]{3,8}\\b'],
    ['p', '--[\\w-]+|[a-zA-Z-]+(?=\\s*:[^{};\\n]{0,200}(?:[;}]|$))'],
    ['t', '\\.[A-Za-z_-][\\w-]*'],
    ['f', '[\\w-]+(?=\\()'],
    ['n', '-?(?:\\d*\\.)?\\d+(?:%|[a-zA-Z]+)?'],
  ],
};

const sql: Language = {
  rules: [['c', '--.*'], BLOCK_COMMENT, ['s', "'(?:''|[^'])*'"], ['p', '"[^"\\n]*"|`[^`\\n]*`'], NUMBER, WORD],
  keywords: words(
    'select from where and or not insert into values update set delete create table drop alter add column primary key foreign references join inner left right outer full on as group by order having limit offset distinct union all case when then else end is in like between exists index view with returning default unique check asc desc',
  ),
  types: words(
    'int integer bigint smallint text varchar char boolean bool date time timestamp timestamptz numeric decimal serial float real json jsonb uuid',
  ),
  constants: words('null true false'),
  anyCase: true,
};

const yaml: Language = {
  rules: [
    HASH_COMMENT,
    ['m', '^(?:---|\\.\\.\\.)(?=\\s|$)|[&*][\\w-]+'],
    ['t', '!!?[\\w-]+'],
    // A key starts a line (or follows a list dash): one try per line keeps long lines cheap.
    ['p', `(?<=^[ \\t]*(?:-[ \\t]+)*)(?:"[^"\\n]*"|'[^'\\n]*'|[\\w$./-][^\\n:#]*?)(?=[ \\t]*:(?:\\s|$))`],
    DOUBLE,
    SINGLE,
    ['n', '(?<![\\w.-])(?:-?\\d[\\d_]*\\.?\\d*(?:[eE][+-]?\\d+)?|true|false|null|yes|no|on|off|~)(?![\\w.-])'],
  ],
};

const json: Language = {
  rules: [
    ...C_LIKE,
    ['p', '"(?:\\\\.|[^"\\\\\\n])*"(?=\\s*:)'],
    DOUBLE,
    ['n', '-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|\\b(?:true|false|null)\\b'],
  ],
};

const go: Language = {
  rules: [...C_LIKE, DOUBLE, BACKTICK, CHAR, NUMBER, WORD],
  keywords: words(
    'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var',
  ),
  types: words(
    'bool byte error float32 float64 int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 any',
  ),
  constants: words('true false nil iota'),
  capitals: true,
};

const rust: Language = {
  rules: [
    ...C_LIKE,
    ['s', 'b?"(?:\\\\[\\s\\S]|[^"\\\\])*"'],
    CHAR,
    ['m', "'[A-Za-z_]\\w*|#!?\\[[^\\]\\n]*\\]"],
    ['f', '[A-Za-z_]\\w*!(?=[(\\[{])'],
    NUMBER,
    WORD,
  ],
  keywords: words(
    'as async await break const continue crate dyn else enum extern fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait type unsafe use where while',
  ),
  types: words('bool char str u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize f32 f64'),
  constants: words('true false'),
  capitals: true,
};

const java: Language = {
  rules: [...C_LIKE, ['s', `"""[\\s\\S]*?(?:"""|${END})`], DOUBLE, CHAR, ANNOTATION, NUMBER, WORD],
  keywords: words(
    'abstract assert break case catch class continue default do else enum extends final finally for if implements import instanceof interface new package private protected public return static super switch synchronized this throw throws try var void while record',
  ),
  types: words('boolean byte char double float int long short'),
  constants: words('true false null'),
  capitals: true,
};

const c: Language = {
  rules: [
    ...C_LIKE,
    ['m', '^[ \\t]*#[ \\t]*\\w+'],
    ['s', '(?<=#[ \\t]*include[ \\t]*)<[^>\\n]*>'],
    DOUBLE,
    CHAR,
    NUMBER,
    WORD,
  ],
  keywords: words(
    'auto break case const continue default do else enum extern for goto if inline return sizeof static struct switch typedef union volatile while class namespace template typename public private protected virtual override new delete this using try catch throw operator constexpr',
  ),
  types: words('char double float int long short signed unsigned void bool size_t'),
  constants: words('true false NULL nullptr'),
  capitals: true,
};

const diff: Language = {
  rules: [
    ['k', '^(?:\\+\\+\\+|---|diff |index ).*'],
    ['m', '^@@.*'],
    ['i', '^[+>].*'],
    ['d', '^[-<].*'],
  ],
};

/** Languages by the names and aliases a fence may give. */
export const languages: Readonly<Record<string, Language>> = {};
const table: Record<string, Language> = languages;
const register = (names: string, language: Language): void => {
  for (const name of names.split(' ')) table[name] = language;
};
register('js javascript mjs', script(false, false));
register('jsx', script(false, true));
register('ts typescript', script(true, false));
register('tsx', script(true, true));
register('json jsonc json5', json);
register('py python python3', python);
register('sh bash shell zsh console', shell);
register('html xml svg', markup);
register('css scss less', css);
register('sql postgresql mysql sqlite', sql);
register('yaml yml', yaml);
register('go golang', go);
register('rs rust', rust);
register('java', java);
register('c h cpp c++ cc hpp', c);
register('diff patch', diff);
