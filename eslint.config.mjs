import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The Kafka layer must stay testable without VS Code, and owns the types it speaks in.
    files: ['src/kafka/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/kafka must not depend on VS Code.' }],
          patterns: [
            {
              group: ['**/protocol', '**/panel/*', '**/commands/*', '**/explorer/*', '**/clusters/*', '**/ui/*', '**/webview/*'],
              message: 'src/kafka must not import the extension side: define the type in the Kafka layer and import it from there.',
            },
          ],
        },
      ],
    },
  },
  {
    // The webview runs in a browser: it may not import the extension host's modules.
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The webview cannot use the VS Code API module.' }] }],
    },
  },
);
