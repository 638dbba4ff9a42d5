import { SUBSCRIBE_EVENTS, SUBSCRIBE_EVENTS_AFTER, SUBSCRIBE_MOMENTS, TEMPLATES_PER_ASK, type WechatTemplates } from '@huijia/shared';
import { z } from 'zod';
import { chinaTime } from '../exports/cells';

/**
 * Subscribe message templates (订阅消息模板): which template carries each event, where its card
 * opens and what fills each of its fields, as `WECHAT_TEMPLATES` configures them. Read by the
 * configuration (this file imports nothing of the app's), by notify() when it writes the outbox,
 * and by `GET /api/wechat/templates`.
 */

/** A template field's value comes from the in-app message it echoes, or is fixed text. */
const SOURCES = ['title', 'body', 'time', 'entityId'] as const;
type Source = (typeof SOURCES)[number];
export type FieldSource = Source | { text: string };

/**
 * WeChat's field types (the key's name without its number: `thing1` is a `thing`) and what each
 * accepts (subscribeMessage.send, 订阅消息参数值内容限制): a longer or wrong value is refused with
 * 47003, so values are cut to fit before they are stored.
 */
const FIELD_TYPES = ['thing', 'phrase', 'name', 'character_string', 'number', 'letter', 'symbol', 'time', 'date', 'amount', 'phone_number', 'car_number'] as const;
type FieldType = (typeof FIELD_TYPES)[number];
const FIELD_KEY = new RegExp(`^(${FIELD_TYPES.join('|')})(\\d+)$`);
const typeOf = (key: string): FieldType => FIELD_KEY.exec(key)![1] as FieldType;

const chars = (text: string) => Array.from(text);
const keep = (text: string, allowed: RegExp, max: number) => chars(text).filter((c) => allowed.test(c)).slice(0, max).join('');
const HAN = /\p{Script=Han}/u;

/** Cuts `text` to what a field of `type` accepts. */
export function fitField(type: FieldType, text: string): string {
  const value = text.replace(/\s+/g, ' ').trim();
  switch (type) {
    // 20 characters of anything: a longer text keeps 19 and says it goes on.
    case 'thing':
      return chars(value).length <= 20 ? value : `${chars(value).slice(0, 19).join('')}…`;
    // 5 Chinese characters, nothing else.
    case 'phrase':
      return keep(value, HAN, 5);
    // 10 Chinese characters, or 20 letters and symbols when there is no Chinese.
    case 'name':
      return chars(value).slice(0, chars(value).some((c) => HAN.test(c)) ? 10 : 20).join('');
    // 32 digits, letters or symbols.
    case 'character_string':
      return keep(value, /[!-~]/, 32);
    // 32 digits, a decimal point allowed.
    case 'number':
      return keep(value, /[\d.]/, 32);
    case 'letter':
      return keep(value, /[A-Za-z]/, 32);
    case 'symbol':
      return keep(value, /[^\p{L}\p{N}\s]/u, 5);
    // A currency sign and 10 digits, 元 at the end allowed.
    case 'amount':
      return chars(value).slice(0, 12).join('');
    case 'phone_number':
      return keep(value, /[\d+\-()]/, 17);
    case 'car_number':
      return chars(value).slice(0, 8).join('');
    // Written by timeField; a fixed text is taken as it is.
    case 'time':
    case 'date':
      return value;
  }
}

const fieldSourceSchema = z.union([z.enum(SOURCES), z.object({ text: z.string().trim().min(1, 'must not be empty') }).strict()]);

/** Where a template's card opens: a page of the mini-program with its query, `{entityId}` standing
 *  for the message's subject (`pages/wish/detail/index?id={entityId}`). */
const pageSchema = z
  .string()
  .regex(/^\/?pages\/[\w/-]+(\?[\w=&%{}.-]*)?$/, 'must be a page of the mini-program, like pages/wish/detail/index?id={entityId}')
  .refine((page) => page.replaceAll('{entityId}', '').match(/[{}]/) === null, 'the only placeholder is {entityId}');

const mappingSchema = z
  .object({
    templateId: z.string().trim().min(1).max(128),
    page: pageSchema.optional(),
    fields: z.record(z.string(), fieldSourceSchema).refine((fields) => Object.keys(fields).length > 0, 'must name at least one field'),
  })
  .strict()
  .superRefine((mapping, ctx) => {
    for (const [key, source] of Object.entries(mapping.fields)) {
      if (!FIELD_KEY.test(key)) {
        ctx.addIssue({ code: 'custom', path: ['fields', key], message: `must be a WeChat field key: ${FIELD_TYPES.join(', ')} followed by its number (thing1)` });
        continue;
      }
      const timely = typeOf(key) === 'time' || typeOf(key) === 'date';
      if (timely && typeof source === 'string' && source !== 'time') {
        ctx.addIssue({ code: 'custom', path: ['fields', key], message: `a ${typeOf(key)} field takes "time" or a fixed { "text" }` });
      }
      if (!timely && source === 'time') ctx.addIssue({ code: 'custom', path: ['fields', key], message: '"time" goes in a time or date field' });
    }
  });

export type TemplateMapping = z.infer<typeof mappingSchema>;
/** Event (a notification kind) → its template. */
export type SubscribeTemplates = Readonly<Record<string, TemplateMapping>>;

/** `WECHAT_TEMPLATES`: JSON, one mapping per event; an event must be one the app asks for. */
export const templatesSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON: { "<event>": { "templateId", "page"?, "fields": { "thing1": "title", … } } }' });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(z.string(), mappingSchema).superRefine((templates, ctx) => {
      for (const event of Object.keys(templates)) {
        if (!SUBSCRIBE_EVENTS.includes(event)) ctx.addIssue({ code: 'custom', path: [event], message: `unknown event "${event}": one of ${SUBSCRIBE_EVENTS.join(', ')}` });
      }
    }),
  );

/** Per moment, the templates the app asks for: those of the events that follow it, the first three
 *  distinct ones. Moments with none are left out. */
export function templatesPerMoment(templates: SubscribeTemplates): WechatTemplates {
  const out: WechatTemplates = {};
  for (const moment of SUBSCRIBE_MOMENTS) {
    const ids = [...new Set(SUBSCRIBE_EVENTS_AFTER[moment].flatMap((event) => (templates[event] ? [templates[event].templateId] : [])))];
    if (ids.length > 0) out[moment] = ids.slice(0, TEMPLATES_PER_ASK);
  }
  return out;
}

/** Every template id configured: the ones an accept may be recorded for. */
export const configuredTemplateIds = (templates: SubscribeTemplates): ReadonlySet<string> => new Set(Object.values(templates).map((m) => m.templateId));

/** What a subscribe message is made from: the in-app message it echoes. */
export interface EchoedMessage {
  title: string;
  body: string;
  entityId: string | null;
  createdAt: Date;
}

/** The message a template makes of `message`: the page it opens and its fields, cut to fit. */
export function subscribeMessageOf(mapping: TemplateMapping, message: EchoedMessage): { page: string | null; data: Record<string, { value: string }> } {
  const data: Record<string, { value: string }> = {};
  for (const [key, source] of Object.entries(mapping.fields)) {
    const type = typeOf(key);
    data[key] = { value: typeof source === 'object' ? fitField(type, source.text) : valueOf(type, source, message) };
  }
  const page = mapping.page ? mapping.page.replace(/^\//, '').replaceAll('{entityId}', encodeURIComponent(message.entityId ?? '')) : null;
  return { page, data };
}

function valueOf(type: FieldType, source: Source, message: EchoedMessage): string {
  switch (source) {
    case 'title':
      return fitField(type, message.title);
    case 'body':
      return fitField(type, message.body);
    case 'entityId':
      return fitField(type, message.entityId ?? '');
    // `YYYY-MM-DD HH:mm` in China's time (time), or its day (date).
    case 'time': {
      const at = chinaTime(message.createdAt)!;
      return type === 'date' ? at.slice(0, 10) : at;
    }
  }
}

let inForce: SubscribeTemplates = {};

/**
 * The mapping notify() writes the outbox by, put in force when the app is built: notify() is called
 * with a transaction alone, deep in every service, so it reads this rather than the app's
 * configuration. One mapping per process (all of a deployment's processes read the same
 * environment); in tests, the last app built sets it.
 */
export function putTemplatesInForce(templates: SubscribeTemplates): void {
  inForce = templates;
}

export const templatesInForce = (): SubscribeTemplates => inForce;
