import type { ReportBasis, ReportOptions } from '@huijia/shared';

export interface Choice {
  communityId: string;
  name: string;
  basis: ReportBasis;
  /** What the choice rests on, in a line. */
  because: string;
}

export function choicesOf(options: ReportOptions): Choice[] {
  if (options.residence) {
    return [
      {
        communityId: options.residence.id,
        name: options.residence.name,
        basis: 'residence',
        because: '您登记的居住社区',
      },
    ];
  }
  return options.pairedUnit.map((paired) => ({
    communityId: paired.id,
    name: paired.name,
    basis: 'paired_unit',
    because: `${paired.unitName}的结对社区`,
  }));
}
