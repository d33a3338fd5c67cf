// Flat config: typescript-eslint's recommended rules without type information, so it stays
// fast (tsc does the type checking), plus the layer rules that keep the domain pure.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Layers the domain must not depend on (it defines ports; they implement, call or present it). */
const OUTER_LAYERS = ['store', 'channels', 'conversation', 'jobs', 'web', 'ops', 'present'];

/**
 * The composition root (src/main/) builds the adapters and hands each part what it needs; a part
 * importing it would reach for everything. In every block below, since a later block's
 * no-restricted-imports replaces an earlier one's for the files both match.
 */
const NO_ROOT = {
  group: ['**/main', '**/main/**'],
  message: 'Nothing imports the composition root (src/main/): take what you need as a parameter or port.',
};

/** Chinese characters and full-width punctuation: written only in src/present/ (and the texts of the layers that say them). */
const CJK = '/[\\u3400-\\u9fff\\uff00-\\uffef\\u3000-\\u303f]/';
const WORDING_MESSAGE = 'Wording belongs in src/present/: the domain gives facts (a Refusal, ids, dates, names as given) and present words them.';

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.cache/**', 'test-results/**'] },
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain is pure: no I/O, no driver, no transport. Its ports are implemented outside.
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['mongoose', 'koa', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http'].map((name) => ({
            name,
            message: 'src/domain is pure: do I/O in store/, channels/ or jobs/ behind a port.',
          })),
          patterns: [
            {
              group: OUTER_LAYERS.flatMap((layer) => [`**/${layer}`, `**/${layer}/**`]),
              message: 'src/domain must not import outer layers; define a port in domain/ports.ts instead.',
            },
            { group: ['@wecom/*', '@koa/*'], message: 'src/domain must not know about WeCom or HTTP.' },
            {
              group: ['**/shared/split-markdown*'],
              message: "src/domain must not know markdown or WeCom's size limits: render in src/present/.",
            },
            NO_ROOT,
          ],
        },
      ],
    },
  },
  {
    // The domain states facts (a Refusal, a member's progress, a notice's key); src/present/ words
    // them. A block of its own, since its `ignores` must not lift the import rules above.
    files: ['src/domain/**'],
    ignores: [
      // Vocabularies read, not said: the units and magnitudes a measure's target is written in,
      // the words people write for a kind of case, and the stop words the similar-case index skips.
      'src/domain/measures.ts',
      'src/domain/kind-words.ts',
      'src/domain/similar/tokenize.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[`Literal[value=${CJK}]`, `TemplateElement[value.raw=${CJK}]`].map((selector) => ({ selector, message: WORDING_MESSAGE })),
      ],
    },
  },
  {
    // Storage has one home: only src/store/ talks to the driver and the models, and only the
    // composition root builds its adapters; the others receive them typed by the domain's ports.
    files: ['src/**'],
    ignores: ['src/store/**', 'src/domain/**', 'src/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'mongoose', message: 'Only src/store/ uses mongoose: add a repository method there.' }],
          patterns: [
            {
              group: ['**/store', '**/store/**'],
              message: 'Only the composition root (src/main/) builds store adapters: take the port (src/domain/*.port.ts, ports.ts) as a parameter.',
            },
            NO_ROOT,
          ],
        },
      ],
    },
  },
  {
    // What people are shown is rendered from the domain's facts; its users (conversation, jobs,
    // web, documents, ledger-io, cli) call it, so it sits just above the domain and reaches for
    // nothing else.
    files: ['src/present/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'mongoose', message: 'Only src/store/ uses mongoose.' }],
          patterns: [
            {
              group: ['store', 'channels', 'conversation', 'jobs', 'web', 'documents', 'ledger-io', 'cli'].flatMap((layer) => [
                `**/../${layer}`,
                `**/../${layer}/**`,
              ]),
              message: "src/present renders the domain's facts for its users: it imports none of them (nor store or channels); take the facts as parameters.",
            },
            NO_ROOT,
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'mongoose', message: 'Only src/store/ uses mongoose.' }],
          patterns: [{ group: ['**/store/models/**'], message: 'Models are private to src/store/: add a repository method there.' }],
        },
      ],
    },
  },
  {
    // Adapters implement the domain's ports; they know nothing of who calls them.
    files: ['src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['conversation', 'jobs', 'web', 'channels', 'outbox', 'cli', 'ops'].flatMap((layer) => [`**/../${layer}`, `**/../${layer}/**`]),
              message: "src/store implements the domain's ports: declare what it stores in src/domain, not in the layer that uses it.",
            },
            NO_ROOT,
          ],
        },
      ],
    },
  },
  {
    // Channels carry messages in and out; what the messages mean is the conversation's business,
    // and the composition root (src/main/) wires the two together.
    files: ['src/channels/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'mongoose', message: 'Only src/store/ uses mongoose.' }],
          patterns: [
            {
              group: ['conversation', 'jobs', 'web', 'store', 'ops', 'main'].flatMap((layer) => [`**/../${layer}`, `**/../${layer}/**`]),
              message: 'src/channels must not import conversation, jobs, web, store, ops or the composition root: take what you need as a parameter.',
            },
          ],
        },
      ],
    },
  },
);
