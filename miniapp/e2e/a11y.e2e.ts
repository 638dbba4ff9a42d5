import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { signIn } from './support/app';
import { faintControlEdges } from './support/contrast';
import { appSuite } from './support/suite';

const suite = appSuite();

/** axe-core, the accessibility engine browsers' own audits use, run inside the page. */
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** WCAG 2 A and AA problems on the page as it is now, each with where. */
async function audit(page: Page): Promise<string[]> {
  // Through DevTools, not a <script>: the server's Content-Security-Policy allows no inline script.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.flatMap((v: Violation) =>
    v.nodes.map((node) => `${v.id} (${v.impact}): ${v.help} at ${node.target.join(' ')} ${node.failureSummary ?? ''}`),
  );
}

async function visit(page: Page, hash: string, ready: string): Promise<string[]> {
  await page.goto(`${suite.server.url}/#${hash}`);
  await page.getByText(ready, { exact: false }).first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(500);
  return [...(await audit(page)), ...(await faintControlEdges(page)).map((edge) => `faint control edge (WCAG 1.4.11): ${edge}`)];
}

const PAGES: { role: string; phone: string; name: string; pages: [string, string][] }[] = [
  {
    role: 'resident',
    phone: '13900000201',
    name: '王秀兰',
    pages: [
      ['/pages/index/index', '居民服务'],
      ['/pages/wish/mine/index', '点击心愿查看进度'],
      ['/pages/wish/new/index', '心愿标题'],
      ['/pages/inbox/index', '心愿已被认领'],
      ['/pages/me/index', '长辈模式'],
      ['/pages/opinion/new/index', '问题标题'],
      ['/pages/opinion/mine/index', '点击查看办理过程'],
      ['/pages/opinion/board/index', '附议多的优先办理'],
      ['/pages/activity/hall/index', '本周'],
      ['/pages/account/consent/index', '请阅读并同意'],
      ['/pages/legal/index?doc=privacy', '我们收集哪些信息'],
    ],
  },
  {
    role: 'member',
    phone: '13900000101',
    name: '李志远',
    pages: [
      ['/pages/post/hall/index', '楼道文明监督岗'],
      ['/pages/wish/hall/index', '龙津社区'],
      ['/pages/record/mine/index', '巡查消防通道'],
      ['/pages/points/index', '服务排行'],
      ['/pages/report/index', '报到'],
      ['/pages/activity/hall/index', '我的活动 ›'],
      ['/pages/activity/mine/index', '我报名的活动'],
    ],
  },
  {
    role: 'community staff',
    phone: '13900000011',
    name: '张丽华',
    pages: [
      ['/pages/index/index', '社区工作台'],
      ['/pages/staff/review/index', '帮忙更换厨房灯泡'],
      ['/pages/staff/verify/index', '巡查 2 栋楼道卫生'],
      ['/pages/staff/posts/index', '楼道文明监督岗'],
      ['/pages/stats/index', '报到率'],
      ['/pages/opinion/queue/index', '待办'],
      ['/pages/activity/organised/index', '我组织的活动'],
      ['/pages/activity/edit/index', '活动标题'],
      ['/pages/agreement/list/index?as=community', '发起共建'],
      ['/pages/agreement/new/index', '共建内容'],
    ],
  },
  {
    role: 'party representative',
    phone: '13900000004',
    name: '邱国华',
    pages: [
      ['/pages/index/index', '党代表'],
      ['/pages/opinion/queue/index', '呼吁 · 党代表'],
    ],
  },
  {
    role: 'district admin',
    phone: '13900000001',
    name: '陈建国',
    pages: [
      ['/pages/admin/org/tree/index', '东城街道'],
      ['/pages/admin/org/import/index', '文件格式'],
      ['/pages/admin/units/index', '报到率'],
      ['/pages/admin/staff/index', '授予角色'],
      ['/pages/admin/password/index', '再次输入新密码'],
      ['/pages/agreement/list/index?as=area', '仅供查看'],
    ],
  },
  {
    role: 'unit admin',
    phone: '13900000021',
    name: '',
    pages: [
      ['/pages/unit/members/index', '报到'],
      ['/pages/unit/roster/index', '名册'],
      ['/pages/agreement/list/index?as=unit', '由本单位确认'],
    ],
  },
];

describe('accessibility (axe-core, WCAG 2.1 A and AA, and control edges)', () => {
  for (const { role, phone, name, pages } of PAGES) {
    it(`finds nothing on the ${role}'s pages`, async () => {
      const page = await signIn(suite.browser, suite.server.url, phone, name);
      const found: string[] = [];
      for (const [hash, ready] of pages) {
        for (const problem of await visit(page, hash, ready)) found.push(`${hash}: ${problem}`);
      }
      expect(found).toEqual([]);
    });
  }
});
