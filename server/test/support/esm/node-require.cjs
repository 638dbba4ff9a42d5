// Some of Fastify's dependencies are ES modules (cookie@2, content-disposition@3). Jest's module
// system cannot require one; Node 20 itself can. `requireThrough(['a', 'b', 'c'])` asks Node to
// load c as b sees it, b as a sees it, starting from the server package.
const { createRequire } = require('node:module');
const path = require('node:path');

module.exports = function requireThrough(chain) {
  let req = createRequire(path.join(__dirname, '..', '..', '..', 'package.json'));
  for (const name of chain.slice(0, -1)) req = createRequire(req.resolve(name));
  return req(chain[chain.length - 1]);
};
