import {
  ORG_KINDS,
  PIONEER_ROLES,
  PIONEER_ROLE_LABELS,
  WISH_CATEGORIES,
  WISH_CATEGORY_LABELS,
  childKindOf,
  errorBodySchema,
  listEnvelope,
  listQuerySchema,
  maskName,
  maskPhone,
  phoneSchema,
} from '../src';
import { z } from 'zod';

describe('the organisation tree', () => {
  it('has a child kind one level down, and none below a building', () => {
    expect(childKindOf('city')).toBe('district');
    expect(childKindOf('community')).toBe('compound');
    expect(childKindOf('building')).toBeNull();
    expect(ORG_KINDS).toHaveLength(6);
  });
});

describe('labels', () => {
  it('gives every pioneer role and wish category a Chinese label', () => {
    for (const r of PIONEER_ROLES) expect(PIONEER_ROLE_LABELS[r]).toMatch(/\p{Script=Han}/u);
    for (const c of WISH_CATEGORIES) expect(WISH_CATEGORY_LABELS[c]).toMatch(/\p{Script=Han}/u);
  });
});

describe('phones and masking', () => {
  it('accepts mainland mobile numbers only', () => {
    expect(phoneSchema.safeParse('13812345678').success).toBe(true);
    expect(phoneSchema.safeParse('12812345678').success).toBe(false);
    expect(phoneSchema.safeParse('1381234567').success).toBe(false);
    expect(phoneSchema.safeParse('+8613812345678').success).toBe(false);
  });

  it('masks a name to its first character', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('李')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });

  it('masks the middle of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('the api envelopes', () => {
  it('shapes errors with an upper-snake code', () => {
    expect(errorBodySchema.safeParse({ error: { code: 'WISH_ALREADY_CLAIMED', message: '该心愿已被认领' } }).success).toBe(true);
    expect(errorBodySchema.safeParse({ error: { code: 'bad code', message: 'x' } }).success).toBe(false);
  });

  it('bounds limit to 1-100 with a default of 20', () => {
    expect(listQuerySchema.parse({}).limit).toBe(20);
    expect(listQuerySchema.parse({ limit: '100' }).limit).toBe(100);
    expect(listQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(listQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
  });

  it('wraps items with a next cursor', () => {
    const schema = listEnvelope(z.object({ id: z.string() }));
    expect(schema.parse({ items: [{ id: 'a' }], nextCursor: null }).items).toHaveLength(1);
  });
});
