import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type Opinion, SATISFACTION_LABELS } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { PagedBody } from '../../../components/PagedList';
import { usePagedList } from '../../../hooks/usePagedList';
import { listOpinions } from '../../../services/opinions';
import { OPINION_ROUTES, opinionDetailUrl } from '../../../subpackages/opinions';
import { opinionActionsFor, pathSummary } from '../describe';
import { OpinionCard } from '../OpinionCard';
import { RateSheet } from '../RateSheet';
import '../../../components/wish/wish.css';
import '../opinion.css';

const openRaise = () => Taro.navigateTo({ url: OPINION_ROUTES.raise });

/** 我的民情: what I raised (or logged), newest first, with its path and a prompt to rate a resolution. */
export default function MyOpinionsPage() {
  const list = usePagedList((cursor) => listOpinions({ mine: true, cursor }), []);
  const [rating, setRating] = useState<Opinion | null>(null);

  const put = (changed: Opinion) => list.update((items) => items.map((item) => (item.id === changed.id ? changed : item)));

  return (
    <Page className='wish-page'>
      <View className='wish-list-head'>
        <Text className='wish-list-head__title'>点击查看办理过程</Text>
        <ActionButton small onClick={openRaise}>
          反映民情
        </ActionButton>
      </View>
      <PagedBody
        list={list}
        empty={
          <Empty
            text='您还没有反映过民情。道路、环境卫生、排水、公共设施等身边的问题，都可以反映给社区逐级办理。'
            action={
              <ActionButton variant='plain' small onClick={openRaise}>
                反映民情
              </ActionButton>
            }
          />
        }
        renderItem={(opinion) => {
          const mayRate = opinionActionsFor(opinion).includes('rate');
          return (
            <OpinionCard key={opinion.id} opinion={opinion} onOpen={() => Taro.navigateTo({ url: opinionDetailUrl(opinion.id) })}>
              <View className='wish-card__extra'>
                <Text className='opinion-card__path'>{pathSummary(opinion)}</Text>
                {opinion.satisfaction && (
                  <Text className='opinion-card__line'>{`您的评价：${SATISFACTION_LABELS[opinion.satisfaction]}`}</Text>
                )}
                {mayRate && (
                  <View className='opinion-card__todo'>
                    <Text className='opinion-card__prompt'>已办结，请评价办理结果</Text>
                    <ActionButton small onClick={() => setRating(opinion)}>
                      评价
                    </ActionButton>
                  </View>
                )}
              </View>
            </OpinionCard>
          );
        }}
      />
      {rating && (
        <RateSheet
          opinion={rating}
          onDone={(changed) => {
            setRating(null);
            put(changed);
          }}
          onClose={() => setRating(null)}
          onStale={() => {
            setRating(null);
            list.reload();
          }}
        />
      )}
    </Page>
  );
}
