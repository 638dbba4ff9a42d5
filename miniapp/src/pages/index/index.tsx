import { Text, View } from '@tarojs/components';
import { type HeldRole, type Me, type Role, ROLE_LABELS } from '@huijia/shared';
import { FeatureCard } from '../../components/FeatureCard';
import { Failed, Loading } from '../../components/LoadState';
import { useMe } from '../../hooks/useMe';
import { openTab, ROUTES } from '../../routes';
import './index.css';

interface Entry {
  title: string;
  description: string;
  /** Features not built yet have none, and their card says 即将上线. */
  action?: { label: string; onOpen: () => void };
}

interface Section {
  key: string;
  title: string;
  /** Where the role applies (the community, unit, street or district), when it is bound to one. */
  scope?: string;
  entries: Entry[];
}

const openMe = () => openTab(ROUTES.me);

function grantsOf(me: Me, role: Role): HeldRole[] {
  return me.roles.filter((grant) => grant.role === role);
}

function scopeOf(grants: HeldRole[]): string | undefined {
  const names = grants.flatMap((grant) => (grant.scopeName ? [grant.scopeName] : []));
  return names.length > 0 ? names.join('、') : undefined;
}

/**
 * The sections of the home page, one per role held. Everyone who lives somewhere is a resident:
 * the resident section shows for the resident role, for members (a member is also a resident)
 * and for an account that holds no role yet.
 */
function sectionsFor(me: Me): Section[] {
  const held = new Set(me.roles.map((grant) => grant.role));
  const sections: Section[] = [];

  if (held.has('resident') || held.has('member') || held.size === 0) {
    const entries: Entry[] = [];
    if (!me.user.homeCommunityId) {
      entries.push({
        title: '设置所在社区',
        description: '选择您居住的社区，心愿会发给这个社区的工作人员',
        action: { label: '去设置', onOpen: openMe },
      });
    }
    entries.push(
      { title: '发布微心愿', description: '生活上的小困难，请社区和在职党员帮一把' },
      { title: '我的心愿', description: '查看心愿进度，确认并评价收到的帮助' },
    );
    sections.push({ key: 'resident', title: '居民服务', entries });
  }

  if (held.has('member')) {
    const entries: Entry[] = [];
    if (me.pioneerRoles.length === 0) {
      entries.push({
        title: '选择先锋角色',
        description: '五个先锋中选择一个或多个，认岗和认领心愿时使用',
        action: { label: '去选择', onOpen: openMe },
      });
    }
    entries.push(
      { title: '社区报到', description: '向居住地社区报到，凭报到证到社区确认' },
      { title: '服务岗位', description: '认领社区的服务岗位，做出服务承诺' },
      { title: '认领心愿', description: '帮居民实现微心愿' },
    );
    const unit = me.member && [me.member.unitName, me.member.branch].filter(Boolean).join(' · ');
    sections.push({ key: 'member', title: '党员服务', scope: unit || undefined, entries });
  }

  const staff = grantsOf(me, 'community_staff');
  if (staff.length > 0) {
    sections.push({
      key: 'community_staff',
      title: '社区工作台',
      scope: scopeOf(staff),
      entries: [
        { title: '审核心愿', description: '居民发布的心愿审核通过后才会公开' },
        { title: '确认报到', description: '核对报到证，确认党员到社区报到' },
        { title: '核实服务', description: '核实党员的服务记录，计入时长和积分' },
      ],
    });
  }

  const unitAdmin = grantsOf(me, 'unit_admin');
  if (unitAdmin.length > 0) {
    sections.push({
      key: 'unit_admin',
      title: '单位党组织',
      scope: scopeOf(unitAdmin),
      entries: [
        { title: '党员名册', description: '导入和维护本单位在职党员名册' },
        { title: '报到情况', description: '查看哪些党员已报到、已服务' },
      ],
    });
  }

  const admin = [...grantsOf(me, 'district_admin'), ...grantsOf(me, 'street_admin')];
  if (admin.length > 0) {
    sections.push({
      key: 'admin',
      title: '统计与台账',
      scope: scopeOf(admin),
      entries: [
        { title: '统计', description: '报到率、服务率、心愿和岗位完成情况' },
        { title: '台账', description: '导出心愿、岗位、服务记录和报到台账' },
      ],
    });
  }

  return sections;
}

function roleSummary(me: Me): string {
  const labels = Array.from(new Set(me.roles.map((grant) => ROLE_LABELS[grant.role])));
  return labels.length > 0 ? labels.join(' · ') : ROLE_LABELS.resident;
}

/** 首页: what the signed-in user can do, by the roles they hold. */
export default function Home() {
  const { state, reload } = useMe();

  if (state.kind === 'loading') {
    return (
      <View className='page'>
        <View className='hero'>
          <Text className='hero__title'>回家</Text>
        </View>
        <Loading />
      </View>
    );
  }

  if (state.kind === 'failed') {
    return (
      <View className='page'>
        <View className='hero'>
          <Text className='hero__title'>回家</Text>
        </View>
        <Failed message={state.message} onRetry={reload} />
      </View>
    );
  }

  const me = state.value;
  return (
    <View className='page'>
      <View className='hero'>
        <Text className='hero__title home-greeting'>
          {me.user.name ? `您好，${me.user.name}` : '您好'}
        </Text>
        <Text className='hero__intro'>{roleSummary(me)}</Text>
      </View>

      {sectionsFor(me).map((section) => (
        <View key={section.key} className={`card home-section home-section--${section.key}`}>
          <View className='home-section__head'>
            <Text className='card__title home-section__title'>{section.title}</Text>
            {section.scope && <Text className='home-section__scope'>{section.scope}</Text>}
          </View>
          {section.entries.map((entry) => (
            <FeatureCard key={entry.title} {...entry} />
          ))}
        </View>
      ))}
    </View>
  );
}
