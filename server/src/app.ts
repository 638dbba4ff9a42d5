import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Config } from './config';
import type { Database, Db } from './db';
import { frameworkErrors, loggableError, registerErrorHandling } from './http/errors';
import { registerTextCheck } from './http/text';
import { registerDraining } from './http/draining';
import { checkedSerializerFor, serializerFor } from './http/serialize';
import { registerSecurityHeaders } from './http/security-headers';
import { registerWebBuild } from './http/web';
import authPlugin from './http/auth';
import throttling from './http/rate-limit';
import activityRoutes from './modules/activities/routes';
import agreementRoutes from './modules/agreements/routes';
import projectRoutes from './modules/projects/routes';
import { scheduleAgreementSweep } from './modules/agreements/sweep';
import auditRoutes from './modules/audit/routes';
import authRoutes from './modules/auth/routes';
import communityRoutes from './modules/communities/routes';
import exportRoutes from './modules/exports/routes';
import gridRoutes from './modules/grid/routes';
import healthRoutes from './modules/health/routes';
import notificationRoutes from './modules/notifications/routes';
import opinionRoutes from './modules/opinions/routes';
import reportRoutes from './modules/reports/routes';
import pairingRoutes from './modules/pairing/routes';
import statsRoutes from './modules/stats/routes';
import { scheduleReportingRefresh } from './modules/stats/reporting';
import pointRoutes from './modules/points/routes';
import postRoutes from './modules/posts/routes';
import recordRoutes from './modules/records/routes';
import reminderRoutes from './modules/reminders/routes';
import rosterRoutes from './modules/rosters/routes';
import { smsSenderFor, type SmsSender } from './modules/sms/sender';
import uploadRoutes from './modules/uploads/routes';
import { scheduleUploadSweep } from './modules/uploads/sweep';
import { scheduleDeadlineSweep } from './modules/wishes/deadlines';
import { WechatTokens } from './modules/wechat/token';
import { scheduleOutboxDelivery } from './modules/wechat/outbox';
import wechatRoutes from './modules/wechat/routes';
import { HallCache } from './modules/wishes/hall';
import type { WishRow } from './modules/wishes/repository';
import wishRoutes from './modules/wishes/routes';
import { orgNodeCache, type OrgNodes } from './modules/orgs/nodes';
import orgRoutes from './modules/orgs/routes';
import staffRoutes from './modules/staff/routes';
import unitRoutes from './modules/units/routes';
import meRoutes from './modules/users/routes';
import { webBuildDir } from './paths';

/** What every request's code can reach: the configuration, the database and the clock. */
export interface AppDeps {
  database: Database;
  /** The clock, injectable so tests can move time. */
  now?: () => Date;
  /** Where the web build is served from; tests point it elsewhere or nowhere. */
  webRoot?: string | null;
  /** Whether this process runs the jobs (the deadline sweep, the figures' refresh); default yes. */
  jobs?: boolean;
  /** Where the log goes (standard output unless given: the tests read it). */
  logStream?: NodeJS.WritableStream;
  /** Who sends SMS codes, instead of the configuration's sender (the tests' keeps them); null: nobody. */
  smsSender?: SmsSender | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Db;
    /** Reads that may lag a few seconds (figures, ledgers): the replica when one is configured. */
    replica: Db;
    /** The tree's nodes by id, cached in this process. */
    nodes: OrgNodes;
    /** Pages of community halls read in the last second (modules/wishes/hall.ts). */
    hall: HallCache<WishRow>;
    /** The serializer of a response schema, as the routes' answers are serialised. */
    serializerFor: (schema: z.ZodType) => (data: unknown) => string;
    now: () => Date;
    /** Who sends SMS codes (modules/sms/sender.ts); null when nobody is configured to. */
    sms: SmsSender | null;
    /** WeChat's access token, shared by every process through the database (wechat/token.ts). */
    wechatTokens: WechatTokens;
  }
}

const BODY_LIMIT_BYTES = 1024 * 1024;

/** Logs never carry bodies or query parameters: a request is its method, path and address. */
const logSerializers = {
  req: (request: FastifyRequest) => ({ method: request.method, path: request.url.split('?')[0], remoteAddress: request.ip }),
  err: loggableError,
};

/** Builds the API: external plugins, then ours, then the routes. The app owns the database from
 *  here on and closes it when it closes. */
export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, serializers: logSerializers, ...(deps.logStream ? { stream: deps.logStream } : {}) },
    frameworkErrors,
    return503OnClosing: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Only a proxy on this machine may name the client's address (X-Forwarded-For); anyone else
    // could forge it to slip past the per-address limits.
    trustProxy: 'loopback',
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  // Requests are validated by zod; answers are serialised from the schemas' JSON Schema, and in the
  // tests checked byte for byte against what zod would have produced.
  const serializers = config.env === 'test' ? checkedSerializerFor : serializerFor;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(({ schema }) => serializers(schema as z.ZodType));
  app.decorate('serializerFor', serializers);
  app.decorate('config', config);
  app.decorate('database', deps.database);
  app.decorate('db', deps.database.db);
  app.decorate('replica', deps.database.replica);
  app.decorate('nodes', orgNodeCache(deps.database));
  app.decorate('hall', new HallCache<WishRow>());
  app.decorate('now', deps.now ?? (() => new Date()));
  app.decorate('sms', deps.smsSender === undefined ? smsSenderFor(config, app.log) : deps.smsSender);
  app.decorate('wechatTokens', new WechatTokens(deps.database.db, config.wechat));
  app.addHook('onClose', async () => deps.database.close());
  registerErrorHandling(app);
  registerDraining(app);
  registerTextCheck(app);

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        // blob: lets the web build read back a chosen photo before uploading it.
        connectSrc: ["'self'", 'blob:'],
      },
    },
  });
  if (config.corsOrigins.length > 0) await app.register(cors, { origin: config.corsOrigins });
  await app.register(swagger, {
    openapi: {
      info: { title: '回家 huijia API', description: '在职党员进社区报到与服务', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  // Uploads (rosters, photos) are at most 5 MB, one file a request.
  await app.register(multipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(throttling);
  await app.register(authPlugin);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(meRoutes);
      await api.register(orgRoutes);
      await api.register(staffRoutes);
      await api.register(unitRoutes);
      await api.register(rosterRoutes);
      await api.register(reminderRoutes);
      await api.register(reportRoutes);
      await api.register(gridRoutes);
      await api.register(notificationRoutes);
      await api.register(uploadRoutes);
      await api.register(wishRoutes);
      await api.register(opinionRoutes);
      await api.register(activityRoutes);
      await api.register(agreementRoutes);
      await api.register(projectRoutes);
      await api.register(postRoutes);
      await api.register(recordRoutes);
      await api.register(pointRoutes);
      await api.register(pairingRoutes);
      await api.register(exportRoutes);
      await api.register(auditRoutes);
      await api.register(communityRoutes);
      await api.register(statsRoutes);
      await api.register(wechatRoutes);
    },
    { prefix: '/api' },
  );

  if (deps.jobs !== false) {
    scheduleDeadlineSweep(app);
    scheduleAgreementSweep(app);
    scheduleReportingRefresh(app);
    scheduleUploadSweep(app);
    scheduleOutboxDelivery(app);
  }

  const webRoot = deps.webRoot === undefined ? webBuildDir : deps.webRoot;
  if (webRoot) await registerWebBuild(app, webRoot);
  return app;
}
