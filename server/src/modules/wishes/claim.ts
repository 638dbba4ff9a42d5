import { sql } from 'drizzle-orm';
import { DEFAULT_CONTACT_DAYS, DEFAULT_FULFIL_DAYS, wishMachine, type Wish } from '@huijia/shared';
import type { Database } from '../../db';
import { arrayLiteral, statement } from '../../db/statement';
import { notFound } from '../../http/errors';
import { parseId } from '../orgs/service';
import type { Actor } from '../users/actor';
import { wishMessages } from './messages';
import { readWishRow, wishRowColumns, wishRowFrom, type WishRow } from './repository';
import { conflictFor, refusal } from './service';
import { presentWishes, viewerActors } from './view';

interface ClaimValues extends Record<string, unknown> {
  wishId: number;
  userId: number;
  now: Date;
  /** The machine's from-states, as an array literal. */
  from: string;
  /** The communities where the caller is a reported member (where they may claim), as an array literal. */
  reportedIn: string;
  contactDays: number;
  fulfilDays: number;
  kind: string;
  title: string;
  body: string;
}

const p = (name: keyof ClaimValues & string) => sql.placeholder(name);

/**
 * 认领: the claim in one statement. The conditional update (the machine's from-states, and the
 * caller a reported member of the wish's community who is not its resident: the `reported_member`
 * of `viewerActors`) lets exactly one of concurrent claimers win, and the claim row, the audit row
 * and the resident's notification are written with it or not at all. It answers the wish before
 * (`before`) and, when the claim won, after: what the caller is answered, or why they were refused.
 */
const claimStatement = statement<ClaimValues, { side: 'before' | 'after'; wish: WishRow }>(
  'wishes.claim',
  sql`
    with target as (select * from wishes where id = ${p('wishId')}),
    changed as (
      update wishes w set
        status = 'claimed', claimant_id = ${p('userId')}, claimed_at = ${p('now')}, contacted_at = null,
        contact_due_at = ${p('now')}::timestamptz + make_interval(secs => coalesce(s.contact_days, ${p('contactDays')}) * 86400),
        fulfil_due_at = ${p('now')}::timestamptz + make_interval(secs => coalesce(s.fulfil_days, ${p('fulfilDays')}) * 86400),
        fulfilled_at = null, fulfil_note = null, updated_at = now()
      from target t left join community_settings s on s.community_id = t.community_id
      where w.id = t.id and w.status = any(${p('from')}::wish_status[])
        and w.community_id = any(${p('reportedIn')}::bigint[]) and w.resident_id <> ${p('userId')}
      returning w.*
    ),
    claim_row as (insert into wish_claims (wish_id, member_id, claimed_at) select id, ${p('userId')}, ${p('now')} from changed),
    audit as (
      insert into audit_log (actor_id, action, entity, entity_id, from_state, to_state)
      select ${p('userId')}, 'wish.claim', 'wish', c.id::text, t.status, c.status from changed c cross join target t
    ),
    told as (
      insert into notifications (user_id, kind, title, body, entity, entity_id)
      select c.resident_id, ${p('kind')}, format(${p('title')}, c.title), format(${p('body')}, c.title), 'wish', c.id::text from changed c
    )
    select 'after' as side, ${wishRowColumns} from ${wishRowFrom(sql`changed`)}
    union all
    select 'before' as side, ${wishRowColumns} from ${wishRowFrom(sql`target`)}`,
  (raw) => ({ side: raw.side as 'before' | 'after', wish: readWishRow(raw) }),
);

/** The resident's message with the wish's title left to SQL's format() (`%1$s`), every other % doubled. */
const claimedMessage = (claimantName: string) => wishMessages.claimed('%1$s', claimantName.replaceAll('%', '%%'));

/** `POST /api/wishes/:id/claim`: exclusive under any concurrency; refused as `act` refuses. */
export async function claimWish(database: Database, actor: Actor, id: string, now: Date): Promise<Wish> {
  const wishId = parseId(id);
  if (wishId === null) throw notFound();
  const message = claimedMessage(actor.name);
  const rows = await database.run(claimStatement, {
    wishId,
    userId: actor.userId,
    now,
    from: arrayLiteral(wishMachine.transitions.claim.from),
    reportedIn: arrayLiteral([...actor.reportedIn]),
    contactDays: DEFAULT_CONTACT_DAYS,
    fulfilDays: DEFAULT_FULFIL_DAYS,
    ...message,
  });
  const after = rows.find((r) => r.side === 'after')?.wish;
  if (after) return presentWishes([{ wish: after, actors: viewerActors(actor, after) }], 'detail')[0]!;
  const before = rows.find((r) => r.side === 'before')?.wish;
  if (!before) throw notFound();
  // Refused as the wish stood, or lost to a claimer who committed first.
  throw refusal(actor, before, 'claim') ?? conflictFor('claim', 'claimed');
}
