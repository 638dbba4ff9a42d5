import { sql } from 'drizzle-orm';
import { DEFAULT_CONTACT_DAYS, DEFAULT_FULFIL_DAYS, wishMachine, type Wish } from '@huijia/shared';
import type { Database } from '../../db';
import { Batcher } from '../../db/batch';
import { arrayLiteral, statement } from '../../db/statement';
import { AppError, notFound } from '../../http/errors';
import { parseId } from '../orgs/service';
import type { Actor } from '../users/actor';
import { wishMessages } from './messages';
import { readWishRow, wishRowColumns, wishRowFrom, type WishRow } from './repository';
import { conflictFor, notReportedHere, refusal } from './service';
import { presentWishes, viewerActors } from './view';

/** One claim asked for. */
interface Claim {
  wishId: number;
  actor: Actor;
  at: Date;
}

/** The wish after the claim when it won; else as it stood (why it was refused); none when there is no such wish. */
type Outcome = { won: true; wish: WishRow } | { won: false; wish: WishRow | undefined };

/** The claims of a batch, column by column, as array literals (one element per claim). */
interface ClaimValues extends Record<string, unknown> {
  wishIds: string;
  userIds: string;
  /** Each claimant's communities as a reported member (where they may claim), an array literal each. */
  reportedIn: string;
  at: string;
  titles: string;
  bodies: string;
  kind: string;
  from: string;
  contactDays: number;
  fulfilDays: number;
}

const p = (name: keyof ClaimValues & string) => sql.placeholder(name);

/**
 * 认领, a batch of claims in one statement. First the claimants' confirmed reports in the wishes'
 * communities are held (`FOR SHARE`, in id order): a report ending at the same moment either waits
 * and then hands the claim back (reports/ending.ts), or goes first and the claim is refused. They
 * are all held before any wish is locked — the one-time filter on `target` counts them before its
 * first row — which is the order an ending takes them in (report, then wishes), so the two never
 * wait on each other crosswise. Then the wishes are locked in id order (so batches of other
 * processes never deadlock on them); each conditional update (the machine's from-states, and the
 * claimant a reported member of the wish's community who is not its resident: the
 * `reported_member` of `viewerActors`) lets exactly one of concurrent claimers of a wish win; the
 * claim row, the audit row and the resident's notification are written with it or not at all.
 * It answers, by the claim's place in the batch, the wish after the claim when it won, else the
 * wish as it stood.
 */
const claimStatement = statement<ClaimValues, { n: number; won: boolean; wish: WishRow }>(
  'wishes.claim',
  sql`
    with asked as (
      select * from unnest(${p('wishIds')}::bigint[], ${p('userIds')}::bigint[], ${p('reportedIn')}::text[],
                           ${p('at')}::timestamptz[], ${p('titles')}::text[], ${p('bodies')}::text[])
        with ordinality as a(wish_id, user_id, reported_in, at, title, body, n)
    ),
    held as (
      select a.n
      from asked a
      join wishes w on w.id = a.wish_id
      join reports r on r.member_id = a.user_id and r.community_id = w.community_id and r.status = 'confirmed'
      order by r.id for share of r
    ),
    target as (
      select w.*, a.n, a.user_id as asker, a.reported_in, a.at, a.title as message_title, a.body as message_body
      from asked a join wishes w on w.id = a.wish_id
      where (select count(*) from held) >= 0
      order by w.id for update of w
    ),
    changed as (
      update wishes w set
        status = 'claimed', claimant_id = t.asker, claimed_at = t.at, contacted_at = null,
        contact_due_at = t.at + make_interval(secs => coalesce(s.contact_days, ${p('contactDays')}) * 86400),
        fulfil_due_at = t.at + make_interval(secs => coalesce(s.fulfil_days, ${p('fulfilDays')}) * 86400),
        fulfilled_at = null, fulfil_note = null, updated_at = now()
      from target t left join community_settings s on s.community_id = t.community_id
      where w.id = t.id and w.status = any(${p('from')}::wish_status[])
        and w.community_id = any(t.reported_in::bigint[]) and t.n in (select n from held) and w.resident_id <> t.asker
        and not exists (select from org_nodes o where o.id = w.community_id and o.archived_at is not null)
      returning w.*, t.n, t.status as before_status, t.message_title, t.message_body
    ),
    claim_rows as (insert into wish_claims (wish_id, member_id, claimed_at) select id, claimant_id, claimed_at from changed),
    audit as (
      insert into audit_log (actor_id, action, entity, entity_id, from_state, to_state, org_path)
      select c.claimant_id, 'wish.claim', 'wish', c.id::text, c.before_status, c.status, o.path
      from changed c join org_nodes o on o.id = c.community_id
    ),
    told as (
      insert into notifications (user_id, kind, title, body, entity, entity_id)
      select resident_id, ${p('kind')}, format(message_title, title), format(message_body, title), 'wish', id::text from changed
    )
    select w.n, true as won, ${wishRowColumns} from ${wishRowFrom(sql`changed`)}
    union all
    select w.n, false as won, ${wishRowColumns} from ${wishRowFrom(sql`target`)} where w.n not in (select n from changed)`,
  (raw) => ({ n: Number(raw.n), won: raw.won === true, wish: readWishRow(raw) }),
);

/** The resident's message with the wish's title left to SQL's format() (`%1$s`), every other % doubled. */
const claimedMessage = (claimantName: string) => wishMessages.claimed('%1$s', claimantName.replaceAll('%', '%%'));

/** Claims of a batch in one statement: what each claim came to. */
async function claimAll(database: Database, claims: Claim[]): Promise<Outcome[]> {
  const messages = claims.map((c) => claimedMessage(c.actor.name));
  const rows = await database.run(claimStatement, {
    wishIds: arrayLiteral(claims.map((c) => c.wishId)),
    userIds: arrayLiteral(claims.map((c) => c.actor.userId)),
    reportedIn: arrayLiteral(claims.map((c) => arrayLiteral([...c.actor.reportedIn]))),
    at: arrayLiteral(claims.map((c) => c.at.toISOString())),
    titles: arrayLiteral(messages.map((m) => m.title)),
    bodies: arrayLiteral(messages.map((m) => m.body)),
    kind: messages[0]!.kind,
    from: arrayLiteral(wishMachine.transitions.claim.from),
    contactDays: DEFAULT_CONTACT_DAYS,
    fulfilDays: DEFAULT_FULFIL_DAYS,
  });
  const byPlace = new Map(rows.map((r) => [r.n, r]));
  return claims.map((_, i) => {
    const row = byPlace.get(i + 1);
    return row?.won ? { won: true, wish: row.wish } : { won: false, wish: row?.wish };
  });
}

/** Claims that arrive together share a statement and a commit (db/batch.ts); two batches at once
 *  keep both the API and PostgreSQL busy (one at a time left each idle half the time; three did no better). */
const CLAIMS_PER_BATCH = 64;
const CLAIM_BATCHES_AT_ONCE = 2;

export type ClaimQueue = Batcher<Claim, Outcome>;

export function claimQueue(database: Database): ClaimQueue {
  return new Batcher({ max: CLAIMS_PER_BATCH, inFlight: CLAIM_BATCHES_AT_ONCE, keyOf: (c) => c.wishId, run: (claims) => claimAll(database, claims) });
}

/** `POST /api/wishes/:id/claim`: exclusive under any concurrency; refused as `act` refuses. */
export async function claimWish(claims: ClaimQueue, actor: Actor, id: string, at: Date): Promise<Wish> {
  const wishId = parseId(id);
  if (wishId === null) throw notFound();
  const outcome = await claims.submit({ wishId, actor, at });
  if (outcome.won) return presentWishes([{ wish: outcome.wish, actors: viewerActors(actor, outcome.wish) }], 'detail')[0]!;
  if (!outcome.wish) throw notFound();
  if (outcome.wish.communityArchived) throw new AppError(409, 'ORG_ARCHIVED');
  // Refused as the wish stood; else still open to claim, so the claimant's report had ended
  // meanwhile; else lost to a claimer who committed first.
  const refused = refusal(actor, outcome.wish, 'claim');
  if (refused) throw refused;
  if (wishMachine.allowsFrom('claim', outcome.wish.status)) throw notReportedHere();
  throw conflictFor('claim', 'claimed');
}
