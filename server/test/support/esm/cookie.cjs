module.exports = require('./node-require.cjs')(['fastify', 'light-my-request', 'cookie']);
