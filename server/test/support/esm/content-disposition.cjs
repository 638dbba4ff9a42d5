module.exports = require('./node-require.cjs')(['@fastify/static', 'content-disposition']);
