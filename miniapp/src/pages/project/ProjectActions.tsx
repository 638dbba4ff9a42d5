import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { type ClaimProjectBody, type Project, type ProjectClaimOption, projectReasonBodySchema } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { ReasonSheet } from '../../components/Sheet';
import { useAction } from '../../hooks/useAction';
import { ApiError } from '../../services/api';
import { toastDone } from '../../utils/toast';
import { acceptProject, claimProject, handBackProject, sendBackProject, withdrawProject } from '../../services/projects';
import { projectUpdateUrl } from '../../subpackages/projects';
import { BUTTON_LABELS, claimOptionText, type ProjectButton, projectButtonsFor, SECONDARY } from './describe';
import { ClaimSheet, RateSheet, sayAlreadyClaimed } from './sheets';
import './project.css';

type Open = 'claim' | 'send_back' | 'hand_back' | 'withdraw' | 'rate' | null;

interface ProjectActionsProps {
  project: Project;
  /** An action's answer: the project as it is now. */
  onChange: (project: Project) => void;
  /** It moved on meanwhile (409: someone else claimed it, staff acted first): show it afresh. */
  onStale: () => void;
}

const bodyOf = (option: ProjectClaimOption): ClaimProjectBody =>
  option.as === 'unit' ? { as: 'unit', unitId: option.unitId ?? '' } : option.as === 'team' ? { as: 'team', teamId: option.teamId ?? '' } : { as: 'self' };

/**
 * The buttons under a project, exactly those `projectButtonsFor` allows, and what each needs:
 * 认领 at once with one capacity to claim in, from a sheet with several; 发布进展 and 报告完成 open
 * the lead's form; 验收通过 is asked once more; 退回整改, 放弃认领 and 撤回项目 take a reason (the
 * last two asked once more too); 评价 takes stars.
 */
export function ProjectActions({ project, onChange, onStale }: ProjectActionsProps) {
  const [open, setOpen] = useState<Open>(null);
  const { busy, run } = useAction<ProjectButton>(() => {
    setOpen(null);
    onStale();
  });
  const buttons = projectButtonsFor(project);
  if (buttons.length === 0) return null;

  const finish = (changed: Project | undefined) => {
    if (!changed) return;
    setOpen(null);
    onChange(changed);
  };

  const claim = async (option: ProjectClaimOption) => {
    const claimed = await run('claim', async () => {
      try {
        return await claimProject(project.id, bodyOf(option));
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'PROJECT_ALREADY_CLAIMED') throw error;
        // Someone else was first: say so plainly, and show who leads it now.
        sayAlreadyClaimed(error.message);
        setOpen(null);
        onStale();
        return undefined;
      }
    }, {
      ask: { title: '认领项目', content: `${claimOptionText(option)}，负责实施「${project.title}」，按期发布进展并报告完成。`, confirmText: '认领' },
    });
    if (claimed) {
      toastDone('已认领');
      finish(claimed);
    }
  };

  const press = async (button: ProjectButton) => {
    switch (button) {
      case 'claim': {
        const [only, ...others] = project.claimOptions;
        if (only && others.length === 0) return claim(only);
        return setOpen('claim');
      }
      case 'update':
      case 'complete':
        return void Taro.navigateTo({ url: projectUpdateUrl(project.id, button === 'update' ? 'progress' : 'complete') });
      case 'accept':
        return finish(
          await run('accept', () => acceptProject(project.id), {
            ask: { title: '验收通过', content: `确认「${project.title}」已按要求完成？验收后项目完成，不能再退回。`, confirmText: '验收通过' },
            done: '已验收',
          }),
        );
      default:
        return setOpen(button);
    }
  };

  const lead = project.lead?.name ?? '负责方';
  return (
    <>
      <View className='proj-actions'>
        {buttons.map((button) => (
          <View key={button} className='proj-actions__item'>
            <ActionButton
              variant={SECONDARY.includes(button) ? 'plain' : 'primary'}
              busy={busy === button}
              disabled={busy !== null && busy !== button}
              onClick={() => void press(button)}
            >
              {BUTTON_LABELS[button]}
            </ActionButton>
          </View>
        ))}
      </View>
      {open === 'claim' && (
        <ClaimSheet options={project.claimOptions} busy={busy !== null} onPick={(option) => void claim(option)} onClose={() => setOpen(null)} />
      )}
      {open === 'send_back' && (
        <ReasonSheet
          title='退回整改'
          label={`退回原因（${lead}会看到）`}
          placeholder='哪里还没有做到，如：活动照片不全，请补充现场照片'
          submitLabel='确认退回'
          warning='退回后项目回到实施中，由负责方整改后再次报告完成。'
          schema={projectReasonBodySchema}
          busy={busy !== null}
          onSubmit={(reason) => void run('send_back', () => sendBackProject(project.id, reason), { done: '已退回' }).then(finish)}
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'hand_back' && (
        <ReasonSheet
          title='放弃认领'
          label='放弃原因（社区会看到）'
          placeholder='如：人员调整，无法按期完成'
          submitLabel='确认放弃'
          warning='放弃后项目重新开放认领，已发布的进展仍会保留。'
          schema={projectReasonBodySchema}
          busy={busy !== null}
          onSubmit={(reason) =>
            void run('hand_back', () => handBackProject(project.id, reason), {
              ask: { title: '放弃认领', content: `放弃后「${project.title}」重新开放认领，可能由其他人认领。确定放弃吗？`, confirmText: '放弃认领' },
              done: '已放弃认领',
            }).then(finish)
          }
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'withdraw' && (
        <ReasonSheet
          title='撤回项目'
          label='撤回原因'
          placeholder='如：该事项已由街道统一实施'
          submitLabel='确认撤回'
          warning='撤回后项目不再开放认领，也不能恢复；如需实施请重新发布。'
          schema={projectReasonBodySchema}
          busy={busy !== null}
          onSubmit={(reason) =>
            void run('withdraw', () => withdrawProject(project.id, reason), {
              ask: { title: '撤回项目', content: `撤回后「${project.title}」不能恢复。确定撤回吗？`, confirmText: '撤回' },
              done: '已撤回',
            }).then(finish)
          }
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'rate' && <RateSheet project={project} onDone={finish} onClose={() => setOpen(null)} onStale={onStale} />}
    </>
  );
}
