import type { PeriodExportList, UnitExportList, WholeExportList } from '@huijia/shared';
import type { OrgNodeRow } from '../../orgs/repository';
import type { UnitRow } from '../../units/service';
import type { Ledger, NodePeriodScope } from '../ledger';
import { activityLedger } from './activities';
import { memberLedger, unitMemberLedger } from './members';
import { opinionLedger } from './opinions';
import { agreementLedger, projectLedger } from './partnership';
import { postLedger } from './posts';
import { recordLedger, unitRecordLedger } from './records';
import { reportLedger, unitReportLedger } from './reports';
import { wishLedger } from './wishes';

/** Every ledger over the communities under a node of the tree, whenever it happened (the ledgers of a period are below). */
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

/** A sheet of a period's ledger: its tab, or the ledger's label when it is the only one. */
export interface PeriodSheet {
  name?: string;
  ledger: Ledger<NodePeriodScope>;
}

/**
 * The ledgers of what happened under a node in a period, as its figures, each its sheets: 民情台账
 * and 活动台账 one each; 共建台账 its agreements and its projects.
 */
export const PERIOD_LEDGERS: Record<PeriodExportList, readonly PeriodSheet[]> = {
  opinions: [{ ledger: opinionLedger }],
  activities: [{ ledger: activityLedger }],
  partnership: [
    { name: '共建协议', ledger: agreementLedger },
    { name: '共建项目', ledger: projectLedger },
  ],
};
