import {
  type ClaimProjectBody,
  listEnvelope,
  type ListEnvelope,
  type Project,
  type ProjectDetail,
  projectDetailSchema,
  projectSchema,
  type ProjectUpdateBody,
  type PublishProjectBody,
  type RateProjectBody,
} from '@huijia/shared';
import { request } from './api';
import { projectQueryParams, type ProjectListQuery } from './projectQuery';

export type { ProjectListQuery } from './projectQuery';

const projectPageSchema = listEnvelope(projectSchema);

/** One page of projects; follow `nextCursor` for the next. */
export function listProjects(query: ProjectListQuery): Promise<ListEnvelope<Project>> {
  return request('GET', '/api/projects', { query: projectQueryParams(query), schema: projectPageSchema });
}

export function getProject(id: string): Promise<ProjectDetail> {
  return request('GET', `/api/projects/${encodeURIComponent(id)}`, { schema: projectDetailSchema });
}

/** 发布项目 (community staff). 400 PROJECT_DUE_PAST when the due date is before today. */
export function publishProject(body: PublishProjectBody): Promise<Project> {
  return request('POST', '/api/projects', { body, schema: projectSchema });
}

const actionPath = (id: string, action: string) => `/api/projects/${encodeURIComponent(id)}/${action}`;

/** 认领, in one of the capacities the answer's `claimOptions` lists. 409 PROJECT_ALREADY_CLAIMED when someone was first. */
export function claimProject(id: string, body: ClaimProjectBody): Promise<Project> {
  return request('POST', actionPath(id, 'claim'), { body, schema: projectSchema });
}

/** 发布进展 (the lead): what was done, with photos. */
export function postProjectUpdate(id: string, body: ProjectUpdateBody): Promise<Project> {
  return request('POST', actionPath(id, 'updates'), { body, schema: projectSchema });
}

/** 报告完成 (the lead): what was done, with photos; staff then accept it or send it back. */
export function completeProject(id: string, body: ProjectUpdateBody): Promise<Project> {
  return request('POST', actionPath(id, 'complete'), { body, schema: projectSchema });
}

/** 验收通过 (community staff). */
export function acceptProject(id: string): Promise<Project> {
  return request('POST', actionPath(id, 'accept'), { schema: projectSchema });
}

/** 退回整改 (community staff), with the reason the lead reads. */
export function sendBackProject(id: string, reason: string): Promise<Project> {
  return request('POST', actionPath(id, 'send-back'), { body: { reason }, schema: projectSchema });
}

/** 放弃认领 (the lead): it is open to claim again. */
export function handBackProject(id: string, reason: string): Promise<Project> {
  return request('POST', actionPath(id, 'hand-back'), { body: { reason }, schema: projectSchema });
}

/** 撤回项目 (community staff), while nobody has claimed it. */
export function withdrawProject(id: string, reason: string): Promise<Project> {
  return request('POST', actionPath(id, 'withdraw'), { body: { reason }, schema: projectSchema });
}

/** 评价 a completed project (residents of the community, once each). */
export function rateProject(id: string, body: RateProjectBody): Promise<Project> {
  return request('POST', actionPath(id, 'rating'), { body, schema: projectSchema });
}
