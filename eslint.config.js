// Lint: typescript-eslint's recommended rules, Lit's template rules, no focused tests, and the
// one-way folder dependencies the README's layout describes (protocol/state/markdown parse know
// nothing of Lit or the DOM; views import only Lit, the markdown renderer and types; the server
// loads nothing from the browser code at runtime).
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';

const noLit = { group: ['lit', 'lit/*', '@lit/*'], message: 'Pure modules do not import Lit.' };

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.cache/**',
      'custom-elements.json',
      'demo/angular/**',
      'demo/react/**',
      'demo/vue/**',
    ],
  },
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(it|describe)$/][callee.property.name='only']",
          message: 'No focused tests.',
        },
      ],
    },
  },
  {
    files: [
      'src/protocol/**',
      'src/state/**',
      'src/markdown/parse.ts',
      'src/markdown/complete.ts',
      'src/markdown/entities.ts',
      'src/markdown/url.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noLit,
            {
              group: ['../controllers/*', '../views/*', '../stream-chat*'],
              message: 'Pure modules depend on nothing above them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/views/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../controllers/*', '../protocol/client*', '../stream-chat*'],
              message: 'Views are template functions: data in, templates out.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**'],
    rules: {
      // `typeof import('@openai/agents')` types the optional SDK without loading it.
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noLit,
            {
              group: ['../protocol/client*', '../state/*', '../views/*', '../controllers/*', '../markdown/*'],
              message: 'The server kit loads nothing from the browser code.',
            },
          ],
        },
      ],
    },
  },
  {
    // chai's property assertions (`.to.exist`, `.not.be.empty`) are expressions by design.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // Type tests declare values only to look at their types.
    files: ['test/types/**'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
);
