/**
 * 用户协议 and 隐私政策, as the sign-up page links them. The privacy policy says what personal
 * information the app collects, for what, who sees it, and how an account and its data are deleted
 * (个人信息保护法: informed consent, the purposes, a way to withdraw). Keep it true to the server:
 * every "who sees it" here is a rule enforced there (README, "Privacy").
 */
export type LegalDocument = 'terms' | 'privacy';

export const LEGAL_TITLES: Record<LegalDocument, string> = {
  terms: '用户协议',
  privacy: '隐私政策',
};

export const LEGAL_TEXT: Record<LegalDocument, { heading: string; body: string }[]> = {
  terms: [
    { heading: '一、服务内容', body: '「回家」是在职党员到居住社区报到服务的平台：居民发布微心愿、反映民情，党员报到、认岗、认领心愿和项目、记录服务，社区和单位审核与统计。' },
    { heading: '二、账号', body: '请使用本人手机号注册，妥善保管密码。账号仅限本人使用；发现他人冒用，请及时修改密码并告知社区。' },
    { heading: '三、如实填写', body: '发布的心愿、民情和服务记录应当真实。虚报服务时长、冒领积分的，社区可退回记录并调整积分。' },
    { heading: '四、文明使用', body: '不得发布违法、侮辱他人或泄露他人隐私的内容。社区工作人员可对不当内容不予通过。' },
    { heading: '五、注销', body: '您可以在「我的 → 账号安全」中申请注销账号，注销后无法恢复。' },
  ],
  privacy: [
    { heading: '一、我们收集哪些信息，用于什么', body: '手机号：登录、核对单位党员名册以确认在职党员身份、社区与您联系。姓名：在报到、认岗和服务记录中显示。所在社区：决定心愿、民情和报到发往哪个社区。心愿的联系电话和地址：供认领的党员上门服务。照片：您上传的心愿、民情、服务和项目照片。' },
    { heading: '二、谁能看到', body: '心愿的联系电话和地址，只有您本人、认领该心愿的党员和本社区工作人员能看到；在心愿大厅等公开列表中，您的姓名会隐去（如“王**”）。民情的回访电话只给办理该民情的人员。党员的手机号只给其单位党组织管理员和上级管理员用于核对名册。' },
    { heading: '三、我们不会做什么', body: '不会向第三方出售或提供您的个人信息；服务器日志不记录您提交的内容。' },
    { heading: '四、保存与删除', body: '信息保存在社区所在地的服务器上。您可以随时在「我的」中修改资料；注销账号后，您的姓名、手机号和登录方式将被删除，已完成的服务记录以匿名方式保留用于统计。' },
    { heading: '五、您的同意', body: '注册或微信登录前，请阅读并同意本政策；由管理员开设的账号，首次登录时同意。不同意的，可以退出登录，不使用本服务。对本政策有疑问，可联系所在社区工作人员。' },
  ],
};
