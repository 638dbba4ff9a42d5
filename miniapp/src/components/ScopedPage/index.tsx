import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { REPORTING_ROUTES } from '../../subpackages/reporting';
import { ActionButton } from '../ActionButton';
import { type Scope, type ScopeChoice, type ScopedRole, useReportedCommunity, useRoleScope } from '../../hooks/useScope';
import type { Remote } from '../../hooks/useRemote';
import { Empty, Loaded } from '../LoadState';
import { Page } from '../Page';

interface ScopedPageProps<T> {
  className?: string;
  /** Said to someone the page is not for: why, and what to do. */
  refused: string;
  children: (scope: T) => ReactNode;
}

function Guarded<T>({ scope, className, refused, children, locked }: ScopedPageProps<T> & {
  scope: { state: Remote<T | null>; reload: () => void };
  /** What is shown to someone the page is not for, when more than why (`refused`). */
  locked?: ReactNode;
}) {
  return (
    <Page className={className}>
      <Loaded state={scope.state} onRetry={scope.reload} missing={locked ?? <Empty text={refused} />}>
        {children}
      </Loaded>
    </Page>
  );
}

/** A staff or admin page: shown once it is known where the user holds `role`, else why it is not. */
export function RolePage({ role, ...page }: ScopedPageProps<ScopeChoice> & { role: ScopedRole }) {
  return <Guarded scope={useRoleScope(role)} {...page} />;
}

/** Why a member's page is locked until their report is confirmed, with the way to 社区报到. */
export function ReportFirst({ text }: { text: string }) {
  return (
    <Empty
      text={text}
      action={
        <ActionButton variant='plain' onClick={() => void Taro.navigateTo({ url: REPORTING_ROUTES.report })}>
          去社区报到
        </ActionButton>
      }
    />
  );
}

/** A member's page about their community: shown once their report there is confirmed, else `ReportFirst`. */
export function CommunityPage(page: ScopedPageProps<Scope>) {
  return <Guarded scope={useReportedCommunity()} locked={<ReportFirst text={page.refused} />} {...page} />;
}
