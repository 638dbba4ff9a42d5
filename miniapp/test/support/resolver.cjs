// The component tests run as the web build does (setup.ts sets TARO_ENV to 'h5'), so the app's
// own imports resolve as Taro resolves them for h5: `./foo` to `foo.h5.ts(x)` when there is one
// (and a folder to its `index.h5.tsx`). A test file gets exactly the file it names, so a test of a
// weapp file (compressPhoto.ts beside compressPhoto.h5.ts) can import it.
const { existsSync } = require('node:fs');
const path = require('node:path');

const SOURCE = path.resolve(__dirname, '../../src') + path.sep;
const PLATFORM_FILES = ['.h5.ts', '.h5.tsx', `${path.sep}index.h5.ts`, `${path.sep}index.h5.tsx`];

module.exports = (request, options) => {
  if (request.startsWith('.') && options.basedir.startsWith(SOURCE)) {
    const base = path.resolve(options.basedir, request);
    const platform = PLATFORM_FILES.map((suffix) => base + suffix).find((file) => existsSync(file));
    if (platform) return platform;
  }
  return options.defaultResolver(request, options);
};
