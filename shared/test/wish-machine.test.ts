import {
  WISH_STATES,
  answersForResident,
  confirmOutcome,
  mayStaffConfirm,
  resolveOutcome,
  wishMachine,
  type WishAction,
  type WishActor,
} from '../src';

describe('the wish machine', () => {
  it('walks the main path: review, claim, fulfil, confirm', () => {
    expect(wishMachine.can('staff', 'approve', 'pending_review')).toBe(true);
    expect(wishMachine.target('approve')).toBe('published');
    expect(wishMachine.can('reported_member', 'claim', 'published')).toBe(true);
    expect(wishMachine.can('claimant', 'fulfil', 'claimed')).toBe(true);
    expect(wishMachine.can('resident', 'confirm', 'fulfilled')).toBe(true);
  });

  it('lets only staff review a wish', () => {
    const others: WishActor[] = ['resident', 'claimant', 'reported_member', 'system'];
    for (const actor of others) {
      expect(wishMachine.can(actor, 'approve', 'pending_review')).toBe(false);
      expect(wishMachine.can(actor, 'reject', 'pending_review')).toBe(false);
    }
  });

  it('lets the resident withdraw before a claim and never after', () => {
    expect(wishMachine.can('resident', 'withdraw', 'pending_review')).toBe(true);
    expect(wishMachine.can('resident', 'withdraw', 'published')).toBe(true);
    for (const state of ['claimed', 'fulfilled', 'completed', 'disputed'] as const) {
      expect(wishMachine.can('resident', 'withdraw', state)).toBe(false);
    }
  });

  it('claims only a published wish', () => {
    for (const state of WISH_STATES) {
      expect(wishMachine.can('reported_member', 'claim', state)).toBe(state === 'published');
    }
  });

  it('lets the claimant or the scheduler release a claim, back to published', () => {
    expect(wishMachine.can('claimant', 'release', 'claimed')).toBe(true);
    expect(wishMachine.can('system', 'release', 'claimed')).toBe(true);
    expect(wishMachine.can('reported_member', 'release', 'claimed')).toBe(false);
    expect(wishMachine.target('release')).toBe('published');
  });

  it('lists the actions an actor may take, for the buttons of the mini-program', () => {
    expect(wishMachine.available('staff', 'pending_review')).toEqual(['approve', 'reject']);
    expect(wishMachine.available(['claimant'], 'claimed')).toEqual(['contact', 'release', 'fulfil']);
    expect(wishMachine.available('resident', 'completed')).toEqual([]);
  });

  it('accepts several actors at once', () => {
    expect(wishMachine.can(['resident', 'staff'], 'approve', 'pending_review')).toBe(true);
  });

  it('starts every action from at least one state and leads to a known state', () => {
    for (const action of Object.keys(wishMachine.transitions) as WishAction[]) {
      const t = wishMachine.transitions[action];
      expect(t.from.length).toBeGreaterThan(0);
      expect(WISH_STATES).toContain(t.to);
    }
  });
});

describe('confirmation and disputes', () => {
  it('sends a rating of 2 or less to disputed', () => {
    expect(confirmOutcome(1)).toBe('disputed');
    expect(confirmOutcome(2)).toBe('disputed');
    expect(confirmOutcome(3)).toBe('completed');
    expect(confirmOutcome(5)).toBe('completed');
  });

  it('reopens a disputed wish to published or completes it', () => {
    expect(resolveOutcome('reopen')).toBe('published');
    expect(resolveOutcome('completed')).toBe('completed');
  });

  it('lets staff confirm only after the resident left it 7 days', () => {
    const fulfilledAt = new Date('2026-01-01T00:00:00Z');
    expect(mayStaffConfirm(fulfilledAt, new Date('2026-01-07T23:59:59Z'))).toBe(false);
    expect(mayStaffConfirm(fulfilledAt, new Date('2026-01-08T00:00:00Z'))).toBe(true);
  });
});

describe('who answers for the resident (代办)', () => {
  it('the resident who posted a wish; for a 代办 wish, staff of its community and only they', () => {
    expect(answersForResident({ onBehalf: false }, { posted: true, isStaff: false })).toBe(true);
    expect(answersForResident({ onBehalf: false }, { posted: false, isStaff: true })).toBe(false);
    expect(answersForResident({ onBehalf: true }, { posted: false, isStaff: true })).toBe(true);
    expect(answersForResident({ onBehalf: true }, { posted: true, isStaff: true })).toBe(true);
    // The account that typed it, once no longer staff there.
    expect(answersForResident({ onBehalf: true }, { posted: true, isStaff: false })).toBe(false);
  });

  it('so staff of the community see the resident’s buttons on a 代办 wish: withdraw, and confirm at once', () => {
    expect(wishMachine.available(['resident', 'staff'], 'published')).toEqual(['withdraw']);
    expect(wishMachine.available(['resident', 'staff'], 'fulfilled')).toEqual(['confirm']);
  });
});
