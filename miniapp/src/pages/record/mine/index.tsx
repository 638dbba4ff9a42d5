import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { recordMachine } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { RecordCard } from '../../../components/service/RecordCard';
import { Empty } from '../../../components/LoadState';
import { PagedBody } from '../../../components/PagedList';
import { usePagedList } from '../../../hooks/usePagedList';
import { listRecords } from '../../../services/records';
import { recordFormUrl, SERVICE_ROUTES } from '../../../subpackages/service';
import { Page } from '../../../components/Page';
import '../../../components/wish/wish.css';
import '../../../components/service/service.css';

/** 我的服务记录: each session logged, its status (待核实/已核实/未通过 with the reason), 修改. */
export default function MyRecordsPage() {
  const list = usePagedList((cursor) => listRecords({ mine: true, cursor }), []);
  const logNew = () => Taro.navigateTo({ url: SERVICE_ROUTES.newRecord });
  return (
    <Page>
      <View className='card'>
        <ActionButton onClick={logNew}>记录一次服务</ActionButton>
      </View>
      <PagedBody
        list={list}
        empty={<Empty text='还没有服务记录。每次服务后点上方「记录一次服务」，经社区核实后计入时长和积分。' />}
        renderItem={(record) => (
          <RecordCard key={record.id} record={record}>
            {recordMachine.can('owner', 'edit', record.status) && (
              <View className='wish-card__actions'>
                <ActionButton
                  variant='plain'
                  small
                  onClick={() => Taro.navigateTo({ url: recordFormUrl({ recordId: record.id }) })}
                >
                  {record.status === 'rejected' ? '修改后重新提交' : '修改'}
                </ActionButton>
              </View>
            )}
          </RecordCard>
        )}
      />
    </Page>
  );
}
