// `pnpm lint` runs this after the typecheck. typescript-eslint's recommended rules without type
// information (the typecheck has that covered, and this stays fast), the Rules of Hooks in the
// mini-program, and no browser globals in mini-program code that WeChat also runs.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Browser objects that do not exist in WeChat: used in an `.h5.ts(x)` file, or not at all. */
const WEB_GLOBALS = [
  ...['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage'],
  ...['XMLHttpRequest', 'FormData', 'Blob', 'File', 'FileReader', 'URL'],
];
const webOnly = (name) => `\`${name}\` exists only in the web build: use it in a .h5.ts(x) file (Taro builds those for h5 only).`;

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'test-output/**', 'bench/results/**'] },
  {
    files: [
      '{shared,server,miniapp}/{src,test}/**/*.{ts,tsx}',
      'miniapp/{e2e,config,types}/**/*.ts',
      'miniapp/test/support/*.cjs',
      'scripts/**/*.{ts,mjs}',
      '*.{js,mjs}',
      'miniapp/*.js',
    ],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_` marks a parameter a signature needs and the body does not (a stand-in's options, a
      // handler's event); a rest sibling drops a key from a copy.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // 全角空格 (U+3000) in Chinese text is layout, on purpose.
      'no-irregular-whitespace': ['error', { skipTemplates: true, skipJSXText: true }],
    },
  },
  {
    // CommonJS: the jest and babel configs, the component tests' resolver.
    files: ['*.js', 'miniapp/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['miniapp/{src,test}/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // A missing dependency is a stale value: fixed, or (when the effect means to run once, or on
      // purpose for fewer inputs) disabled on that line with the reason.
      'react-hooks/exhaustive-deps': 'error',
      // React Compiler's rules: the app is not compiled with it, and the two patterns these flag are
      // deliberate here (the latest props kept in a ref during render for stable callbacks; an
      // effect that shows "loading" as it starts a fetch).
      'react-hooks/refs': 'off',
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    // What WeChat runs. The web build resolves `foo.h5.ts` over `foo.ts` (and so does the
    // component tests' resolver); `process.env.TARO_ENV === 'h5'` branches are removed from the
    // weapp build by the minifier, but only when the comparison is written where it is used.
    files: ['miniapp/src/**/*.{ts,tsx}'],
    ignores: ['miniapp/src/**/*.h5.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', ...WEB_GLOBALS.map((name) => ({ name, message: webOnly(name) }))],
      'no-restricted-properties': [
        'error',
        ...WEB_GLOBALS.map((property) => ({ object: 'globalThis', property, message: webOnly(property) })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > BinaryExpression > MemberExpression[object.object.name='process'][property.name='TARO_ENV']",
          message:
            'Compare process.env.TARO_ENV where it is used: an exported constant is not folded in the modules that import it, so the other platform\'s code stays in the bundle.',
        },
      ],
    },
  },
);
