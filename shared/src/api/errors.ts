import { z } from 'zod';

/**
 * Every error code the API answers, with its Chinese message for people. Codes are the stable
 * contract (clients branch on them); messages may be refined.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '提交的内容有误，请检查后重试',
  MALFORMED_JSON: '请求内容不是有效的 JSON',
  UNSUPPORTED_MEDIA_TYPE: '不支持的请求内容类型',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  ROUTE_NOT_FOUND: '请求的接口不存在',
  METHOD_NOT_ALLOWED: '不支持的请求方法',
  NOT_FOUND: '找不到该内容，或您无权查看',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  BAD_REQUEST: '请求无效',
  INTERNAL: '服务器开小差了，请稍后重试',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后重试',
  NETWORK_ERROR: '网络连接失败，请稍后重试',
  PHONE_TAKEN: '该手机号已注册，请直接登录',
  BAD_CREDENTIALS: '手机号或密码不正确',
  REFRESH_TOKEN_INVALID: '登录已过期，请重新登录',
  REFRESH_TOKEN_REUSED: '登录凭证已失效，请重新登录',
  WECHAT_NOT_CONFIGURED: '微信登录尚未开通',
  WECHAT_LOGIN_FAILED: '微信登录失败，请重试',
  WECHAT_UNAVAILABLE: '微信服务暂时无法访问，请稍后重试',
  ORG_KIND_MISMATCH: '该层级下不能创建这种节点',
  ORG_NAME_TAKEN: '同一上级下已有同名节点',
  NOT_A_COMMUNITY: '请选择一个社区',
  ROLE_NOT_GRANTABLE: '您不能授予该角色',
  GRANT_SCOPE_MISMATCH: '该角色不能授予在这一层级',
  INITIAL_PASSWORD_REQUIRED: '该手机号尚未注册，请设置初始密码',
  UNIT_NAME_TAKEN: '已有同名单位',
} as const;
export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The body of every error answer: `{ error: { code, message, details? } }` (api.md). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** One entry of a `VALIDATION_FAILED` answer's details: where (`body.phone`) and what. */
export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;
