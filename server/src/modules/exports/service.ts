import { isUnitExportList, type Target, type WholeExportList } from '@huijia/shared';
import type { Db } from '../../db';
import { AppError } from '../../http/errors';
import type { OrgNodes } from '../orgs/nodes';
import { getOrgNode } from '../orgs/service';
import { getUnitRow } from '../units/service';
import type { Cell, Ledger } from './ledger';
import { NODE_LEDGERS, UNIT_LEDGERS } from './ledgers';
import type { Viewer } from './viewer';

/** A ledger asked for, over the node or unit it was asked for, not yet read. */
export interface LedgerRequest {
  /** What the guard checks the caller against. */
  target: Target;
  /** Whom the ledger is of: a name for people, a tag for the ASCII file name. */
  of: { name: string; tag: string };
  columns: Ledger<unknown>['columns'];
  rows(viewer: Viewer): AsyncIterable<Cell[][]>;
}

/**
 * The ledger of a node's communities (`orgId`) or of a unit's members (`unitId`). 404 when the node
 * or unit does not exist; 400 `EXPORT_NOT_FOR_UNIT` for a unit and a ledger of communities (wishes,
 * posts), checked first, as it depends on the request alone.
 */
export async function findLedger(db: Db, nodes: OrgNodes, list: WholeExportList, query: { orgId: string } | { unitId: string }): Promise<LedgerRequest> {
  if ('orgId' in query) {
    const node = await getOrgNode(nodes, query.orgId);
    const ledger = NODE_LEDGERS[list];
    return {
      target: { orgPath: node.path },
      of: { name: node.name, tag: `org${node.id}` },
      columns: ledger.columns,
      rows: (viewer) => ledger.rows(db, node, viewer),
    };
  }
  if (!isUnitExportList(list)) throw new AppError(400, 'EXPORT_NOT_FOR_UNIT');
  const unit = await getUnitRow(db, query.unitId);
  const ledger = UNIT_LEDGERS[list];
  return {
    target: { unitId: String(unit.id), unitOrgPath: unit.orgPath },
    of: { name: unit.name, tag: `unit${unit.id}` },
    columns: ledger.columns,
    rows: (viewer) => ledger.rows(db, unit, viewer),
  };
}
