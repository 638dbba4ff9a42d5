import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ActionButton } from '../../../components/ActionButton';
import { Page } from '../../../components/Page';
import { useAction } from '../../../hooks/useAction';
import { goHome, goToLogin, ROUTES, sendToFirstStep } from '../../../routes';
import { signOut } from '../../../services/auth';
import { agreeToTerms, getMe } from '../../../services/me';
import { buttonAria } from '../../../utils/a11y';
import './index.css';

const open = (doc: 'terms' | 'privacy') => () => void Taro.navigateTo({ url: `${ROUTES.legal}?doc=${doc}` });

/**
 * 个人信息保护: an account made without agreeing to the 用户协议 and 隐私政策 (by an admin, or before
 * sign-up asked) agrees here before anything else, or signs out (个人信息保护法: no processing without
 * consent). What is collected and why is said in a few lines; the documents are a tap away.
 */
export default function ConsentPage() {
  const { busy, run } = useAction<'agree' | 'leave'>();

  // Then on into the app, or first to 修改密码 while a one-time password stands.
  const agree = async () => {
    const me = await run('agree', () => agreeToTerms().then(getMe));
    if (me && !sendToFirstStep(me.user)) goHome();
  };
  // `run` answers undefined for a step declined or failed: signing out answers true once done.
  const leave = async () => {
    const left = await run('leave', () => signOut().then(() => true), {
      ask: { title: '不同意', content: '不同意《用户协议》和《隐私政策》将无法使用回家。确定退出登录吗？', confirmText: '退出登录' },
    });
    if (left) goToLogin();
  };

  return (
    <Page>
      <View className='card'>
        <Text className='card__title'>请阅读并同意</Text>
        <Text className='consent__body'>
          回家会处理您的姓名和手机号，以及您发布心愿、反映民情时填写的地址和照片，用于社区和在职党员为您服务。这些信息只给有权处理的社区工作人员和认领的党员看到，您可以随时在「我的」中注销账号。
        </Text>
        <View className='consent__links'>
          <Text className='link' onClick={open('terms')} {...buttonAria()}>
            《用户协议》
          </Text>
          <Text className='link' onClick={open('privacy')} {...buttonAria()}>
            《隐私政策》
          </Text>
        </View>
      </View>
      <View className='consent__actions'>
        <ActionButton busy={busy === 'agree'} disabled={busy === 'leave'} onClick={() => void agree()}>
          同意并继续
        </ActionButton>
        <ActionButton variant='plain' busy={busy === 'leave'} disabled={busy === 'agree'} onClick={() => void leave()}>
          不同意
        </ActionButton>
      </View>
    </Page>
  );
}
