import { countedMinutes, recordMachine, reportMachine, seatMachine } from '../src';

describe('the report machine (双报到)', () => {
  it('is confirmed or rejected only by staff, only while pending offline', () => {
    expect(reportMachine.can('staff', 'confirm', 'pending_offline')).toBe(true);
    expect(reportMachine.can('staff', 'reject', 'pending_offline')).toBe(true);
    expect(reportMachine.can('member', 'confirm', 'pending_offline')).toBe(false);
    expect(reportMachine.can('unit_admin', 'confirm', 'pending_offline')).toBe(false);
    expect(reportMachine.can('staff', 'confirm', 'confirmed')).toBe(false);
    expect(reportMachine.can('staff', 'reject', 'rejected')).toBe(false);
  });

  it('ends a confirmed report for its member or unit; leaving the roster ends a pending one too, and only the system does that', () => {
    expect(reportMachine.can(['member', 'unit_admin'], 'end', 'confirmed')).toBe(true);
    expect(reportMachine.can('member', 'end', 'pending_offline')).toBe(false);
    expect(reportMachine.can('system', 'depart', 'pending_offline')).toBe(true);
    expect(reportMachine.can('system', 'depart', 'confirmed')).toBe(true);
    expect(reportMachine.can(['member', 'unit_admin', 'staff'], 'depart', 'confirmed')).toBe(false);
    expect(reportMachine.allowsFrom('depart', 'ended')).toBe(false);
  });
});

describe('the service record machine (服务记实)', () => {
  it('is verified by staff and never by its owner', () => {
    expect(recordMachine.can('staff', 'verify', 'pending')).toBe(true);
    expect(recordMachine.can('owner', 'verify', 'pending')).toBe(false);
  });

  it('goes back to pending when its owner edits it, but a verified record stays paid', () => {
    expect(recordMachine.can('owner', 'edit', 'rejected')).toBe(true);
    expect(recordMachine.target('edit')).toBe('pending');
    expect(recordMachine.can('owner', 'edit', 'verified')).toBe(false);
  });
});

describe('counted minutes', () => {
  const at = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00+08:00`);
  it('counts whole half-hours, rounding down', () => {
    expect(countedMinutes(at('09:00'), at('10:00'))).toBe(60);
    expect(countedMinutes(at('09:00'), at('10:29'))).toBe(60);
    expect(countedMinutes(at('09:00'), at('10:30'))).toBe(90);
    expect(countedMinutes(at('09:00'), at('09:20'))).toBe(0);
  });
});

describe('the seat machine (认岗)', () => {
  it('lets the holder leave and staff remove, once', () => {
    expect(seatMachine.can('holder', 'leave', 'active')).toBe(true);
    expect(seatMachine.can('staff', 'remove', 'active')).toBe(true);
    expect(seatMachine.can('holder', 'remove', 'active')).toBe(false);
    expect(seatMachine.can('staff', 'remove', 'removed')).toBe(false);
  });
});
