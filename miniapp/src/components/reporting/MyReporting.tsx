import { Text, View } from '@tarojs/components';
import type { Me } from '@huijia/shared';
import { buttonAria } from '../../utils/a11y';
import { REPORTING_ROUTES } from '../../subpackages/reporting';
import { openReporting } from './navigation';
import { StatusBadge } from './StatusBadge';
import './MyReporting.css';

/** 我的 → 社区报到: a member's report and place in the grid, read-only; a tap opens the report page. */
export function MyReporting({ me }: { me: Me }) {
  if (!me.member) return null;
  const report = me.report;
  // A withdrawn report is as good as none; a rejected one stays in view with its 未通过.
  const shown = report && report.status !== 'withdrawn' ? report : null;
  const open = () => openReporting(REPORTING_ROUTES.report);
  return (
    <View className='card my-reporting'>
      <Text className='card__title'>社区报到</Text>
      <View className='my-reporting__row' onClick={open} {...buttonAria()}>
        <Text className='my-reporting__label'>{shown ? shown.communityName : '尚未报到'}</Text>
        <View className='my-reporting__end'>
          {shown ? <StatusBadge status={shown.status} /> : <Text className='link'>去报到</Text>}
          <Text className='my-reporting__go'>›</Text>
        </View>
      </View>
      {report?.status === 'pending_offline' && (
        <Text className='my-reporting__hint'>
          {report.certificate ? '报到证已签发，请到社区出示' : '等待单位签发报到证'}
        </Text>
      )}
      {report?.status === 'rejected' && (
        <Text className='my-reporting__hint'>{`未通过：${report.rejectReason ?? '未说明'}，可重新报到`}</Text>
      )}
      {report?.status === 'confirmed' && (
        <>
          <View className='my-reporting__row'>
            <Text className='my-reporting__label'>网格支部</Text>
            <Text className='my-reporting__value'>{me.grid?.branch?.name ?? '未编入'}</Text>
          </View>
          <View className='my-reporting__row'>
            <Text className='my-reporting__label'>志愿服务队</Text>
            <Text className='my-reporting__value'>{me.grid?.team?.name ?? '未编入'}</Text>
          </View>
        </>
      )}
    </View>
  );
}
