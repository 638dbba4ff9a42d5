import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

// `@huijia/shared` ships TypeScript source, so webpack must run it through babel like our own
// code; resolving through the package (not a relative folder) keeps this right if it moves.
const sharedSource = path.dirname(require.resolve('@huijia/shared'));
// zod is published as ES2020 (`?.`, `??`, classes) while Taro's own output is ES5; older WeChat and
// phone-browser engines cannot parse it, so it goes through babel as well.
const zodSource = path.dirname(require.resolve('zod/package.json', { paths: [sharedSource] }));
const compile = { include: [sharedSource, zodSource] };

// The web build is served by the API server on the same origin, so its calls stay relative.
// The mini-program needs an absolute URL (and, in production, a domain listed in the WeChat
// console), fixed at build time.
const apiBase =
  process.env.TARO_ENV === 'h5'
    ? ''
    : (process.env.HUIJIA_API_BASE ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');

const config: UserConfigExport<'webpack5'> = {
  projectName: 'huijia',
  designWidth: 750,
  deviceRatio: {
    640: 2.34 / 2,
    750: 1,
    375: 2,
    828: 1.81 / 2,
  },
  sourceRoot: 'src',
  outputRoot: `dist/${process.env.TARO_ENV}`,
  framework: 'react',
  compiler: 'webpack5',
  defineConstants: {
    API_BASE: JSON.stringify(apiBase),
  },
  // The shared cards' picture (utils/share.ts), at a path in the package WeChat can show.
  copy: {
    patterns:
      process.env.TARO_ENV === 'weapp' ? [{ from: 'src/assets/share.png', to: 'dist/weapp/assets/share.png' }] : [],
    options: {},
  },
  // Chinese text as UTF-8, not as \uXXXX escapes (Taro's default): half the bytes for every
  // message and label, which keeps WeChat's main package within its 600 KB budget here.
  terser: { enable: true, config: { output: { ascii_only: false } } },
  mini: {
    compile,
    // Moves modules used only by subpackages out of the main package (WeChat caps it at 2 MB).
    optimizeMainPackage: { enable: true },
    postcss: {
      pxtransform: { enable: true, config: {} },
    },
  },
  h5: {
    compile,
    // The API server serves dist/h5 at '/', and the hash router needs no fallback route there.
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    // Pages are chunks loaded on demand, and Taro splits only the entry's chunks: each page would
    // carry its own copy of zod, the shared package and the components. Splitting every chunk
    // lets the pages share them (the login page after the home page loads only its own code).
    webpackChain(chain) {
      chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
    },
    output: {
      filename: 'js/[name].[contenthash:8].js',
      chunkFilename: 'js/[name].[contenthash:8].js',
    },
    miniCssExtractPluginOption: {
      ignoreOrder: true,
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
    postcss: {
      autoprefixer: { enable: true, config: {} },
      // Fixed px (half the design width's), not Taro's default rem: rem needs an inline script in
      // index.html to size the root font, which the server's Content-Security-Policy
      // (script-src 'self') blocks, and the web build is also used on desktop, where the
      // viewport-scaled alternative (vw) would blow everything up.
      // (postcss-pxtransform 4.2 takes 'px' on h5; Taro's option type lists only rem, rpx and vw.)
      pxtransform: { enable: true, config: { targetUnit: 'px' as 'rem' } },
    },
  },
};

export default defineConfig<'webpack5'>(config);
