import type { UnitExportList, WholeExportList } from '@huijia/shared';
import type { OrgNodeRow } from '../../orgs/repository';
import type { UnitRow } from '../../units/service';
import type { Ledger } from '../ledger';
import { memberLedger, unitMemberLedger } from './members';
import { postLedger } from './posts';
import { recordLedger, unitRecordLedger } from './records';
import { reportLedger, unitReportLedger } from './reports';
import { wishLedger } from './wishes';

/** Every ledger over the communities under a node of the tree, whenever it happened (民情台账 is of a period: opinions.ts). */
export const NODE_LEDGERS: Record<WholeExportList, Ledger<OrgNodeRow>> = {
  wishes: wishLedger,
  posts: postLedger,
  records: recordLedger,
  reports: reportLedger,
  members: memberLedger,
};

/** The ledgers of a unit's members; wishes and posts belong to communities, not units. */
export const UNIT_LEDGERS: Record<UnitExportList, Ledger<UnitRow>> = {
  records: unitRecordLedger,
  reports: unitReportLedger,
  members: unitMemberLedger,
};
