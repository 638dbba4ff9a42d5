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
  MALFORMED_UPLOAD: '上传的内容不完整，请重新上传',
  ROUTE_NOT_FOUND: '请求的接口不存在',
  METHOD_NOT_ALLOWED: '不支持的请求方法',
  NOT_FOUND: '找不到该内容，或您无权查看',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  BAD_REQUEST: '请求无效',
  INVALID_TEXT: '内容中含有无法识别的字符，请删除后重试',
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
  NOT_ON_ROSTER: '您不在任何单位的党员名册中，请联系所在单位党组织',
  REPORT_BASIS_MISMATCH: '只能向居住社区或本单位结对社区报到',
  REPORT_EXISTS: '您已有进行中的报到，不能重复报到',
  REPORT_STATE_CONFLICT: '该报到当前状态不能进行此操作',
  CERTIFICATE_INVALID: '报到证编码不正确或已使用',
  CERTIFICATE_NOT_ISSUED: '单位尚未签发报到证',
  ROSTER_FILE_REQUIRED: '请上传名册文件',
  ROSTER_FILE_TOO_LARGE: '名册文件不能超过 5 MB',
  ROSTER_TOO_MANY_ROWS: '名册不能超过 20000 行',
  ROSTER_FILE_TYPE: '名册须为 CSV 或 XLSX 文件',
  ROSTER_HEADER_INVALID: '名册表头应为 name,phone,branch 或 姓名,手机号,支部',
  ROSTER_FILE_UNREADABLE: '名册文件无法读取，请在 Excel 中另存为 XLSX 后重新上传',
  GRID_NAME_TAKEN: '已有同名的网格组织',
  NOT_REPORTED_HERE: '尚未在该社区完成报到',
  GRID_KIND_TAKEN: '该党员已在同类网格组织中',
  UPLOAD_NOT_IMAGE: '只能上传 JPG、PNG 或 WebP 图片',
  UPLOAD_TOO_LARGE: '图片不能超过 5 MB',
  UPLOAD_REQUIRED: '请选择要上传的图片',
  UPLOAD_NOT_FOUND: '照片不存在或已被使用，请重新上传',
  UPLOAD_QUOTA_EXCEEDED: '今天上传的图片已达上限，请明天再试',
  WISH_STATE_CONFLICT: '该心愿当前状态不能进行此操作',
  WISH_ALREADY_CLAIMED: '该心愿已被认领',
  CONFIRM_TOO_EARLY: '居民确认期未满 7 天，暂不能代为确认',
  POST_FULL: '该岗位名额已满',
  POST_CLOSED: '该岗位已关闭',
  ALREADY_CLAIMED: '您已认领该岗位',
  CAPACITY_BELOW_SEATS: '名额不能少于已认领人数',
  SEAT_STATE_CONFLICT: '该认岗当前状态不能进行此操作',
  NOT_A_HOLDER: '该党员未认领此岗位',
  ALREADY_EVALUATED: '本月已评价过该党员',
  EVALUATION_TOO_SOON: '在本社区居住满 30 天后才能评价岗位',
  RECORD_IN_FUTURE: '服务时间不能晚于现在',
  RECORD_STATE_CONFLICT: '该服务记录当前状态不能进行此操作',
  SELF_VERIFICATION: '不能核实自己的服务记录',
  RECORD_SOURCE_INVALID: '服务对应的岗位、心愿或结对不存在，或与您无关',
  HOUSEHOLD_FULL: '该困难群众已有党员结对',
  ALREADY_PAIRED: '您已与该困难群众结对',
  EXPORT_NOT_FOR_UNIT: '单位只能导出党员名册、报到台账和服务记实台账',
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
