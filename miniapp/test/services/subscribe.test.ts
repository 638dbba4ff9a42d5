import type { askToSubscribe as AskToSubscribe, prefetchSubscribeTemplates as Prefetch } from '../../src/services/subscribe';
import type { request as Request } from '../../src/services/api';
import type { taro as Taro } from '../support/taro';

jest.mock('../../src/services/api');

const TEMPLATES = { 'wish.posted': ['T-REVIEWED', 'T-CLAIMED'], 'report.submitted': ['T-REPORT'] };

interface Loaded {
  askToSubscribe: typeof AskToSubscribe;
  prefetchSubscribeTemplates: typeof Prefetch;
  request: jest.MockedFunction<typeof Request>;
  taro: typeof Taro;
}

/** The service as a freshly started app has it (nothing read yet), with the API and Taro it uses. */
async function started(): Promise<Loaded> {
  let loaded: Loaded | undefined;
  await jest.isolateModulesAsync(async () => {
    const { askToSubscribe, prefetchSubscribeTemplates } = await import('../../src/services/subscribe');
    const { request } = await import('../../src/services/api');
    const { taro } = await import('../support/taro');
    loaded = { askToSubscribe, prefetchSubscribeTemplates, request: request as jest.MockedFunction<typeof Request>, taro };
  });
  return loaded!;
}

/** The server answers the templates, and records what it is sent. */
function serverAnswers(request: Loaded['request'], templates: unknown = TEMPLATES): void {
  request.mockImplementation(((method: string, path: string) =>
    Promise.resolve(method === 'GET' && path === '/api/wechat/templates' ? templates : { accepted: 1 })) as typeof Request);
}

const posted = (request: Loaded['request']) => request.mock.calls.filter(([method]) => method === 'POST');

afterEach(() => {
  process.env.TARO_ENV = 'h5';
});

describe('on WeChat, askToSubscribe asks for the moment’s templates and records the accepts', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });

  it('asks with the templates of the moment and posts what the user answered for them', async () => {
    const { askToSubscribe, request, taro } = await started();
    serverAnswers(request);
    taro.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'T-REVIEWED': 'accept', 'T-CLAIMED': 'reject' });

    await askToSubscribe('wish.posted');

    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['T-REVIEWED', 'T-CLAIMED'] });
    expect(posted(request)).toEqual([['POST', '/api/subscriptions', expect.objectContaining({ body: { 'T-REVIEWED': 'accept', 'T-CLAIMED': 'reject' } })]]);
  });

  it('reads the templates once while the app runs', async () => {
    const { askToSubscribe, request, taro } = await started();
    serverAnswers(request);
    taro.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'T-REPORT': 'accept' });

    await askToSubscribe('wish.posted');
    await askToSubscribe('report.submitted');

    expect(request.mock.calls.filter(([method]) => method === 'GET')).toHaveLength(1);
    expect(taro.requestSubscribeMessage).toHaveBeenLastCalledWith({ tmplIds: ['T-REPORT'] });
  });

  it('asks nothing at a moment with no template', async () => {
    const { askToSubscribe, request, taro } = await started();
    serverAnswers(request);

    await askToSubscribe('activity.signed_up');

    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(posted(request)).toEqual([]);
  });

  it('posts nothing when the user accepted nothing', async () => {
    const { askToSubscribe, request, taro } = await started();
    serverAnswers(request);
    taro.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'T-REVIEWED': 'reject', 'T-CLAIMED': 'ban' });

    await askToSubscribe('wish.posted');

    expect(posted(request)).toEqual([]);
  });

  it('never throws: not when WeChat refuses to show the panel, nor when the server fails', async () => {
    const { askToSubscribe, request, taro } = await started();
    serverAnswers(request);
    taro.requestSubscribeMessage.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 10004 });
    await expect(askToSubscribe('wish.posted')).resolves.toBeUndefined();

    taro.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'T-REVIEWED': 'accept' });
    request.mockImplementation(((method: string) =>
      method === 'GET' ? Promise.resolve(TEMPLATES) : Promise.reject(new Error('network down'))) as typeof Request);
    await expect(askToSubscribe('wish.posted')).resolves.toBeUndefined();
  });

  it('reads the templates again after failing to', async () => {
    const { askToSubscribe, request, taro } = await started();
    request.mockRejectedValueOnce(new Error('network down'));
    await expect(askToSubscribe('wish.posted')).resolves.toBeUndefined();
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled();

    serverAnswers(request);
    await askToSubscribe('wish.posted');
    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['T-REVIEWED', 'T-CLAIMED'] });
  });
});

describe('on the web, askToSubscribe does nothing', () => {
  it('asks neither the server nor WeChat', async () => {
    process.env.TARO_ENV = 'h5';
    const { askToSubscribe, request, taro } = await started();

    await askToSubscribe('wish.posted');

    expect(request).not.toHaveBeenCalled();
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled();
  });
});

describe('asked at the tap: WeChat shows the panel only while a tap is handled', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });

  it('asks before anything is awaited once the page has read the templates ahead', async () => {
    const { askToSubscribe, prefetchSubscribeTemplates, request, taro } = await started();
    serverAnswers(request);
    taro.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok' });
    prefetchSubscribeTemplates();
    await new Promise((resolve) => setTimeout(resolve, 0));

    const asking = askToSubscribe('report.submitted');
    // In the tap's own turn: nothing awaited before the ask.
    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['T-REPORT'] });
    await asking;
  });

  it('reads nothing ahead on the web', async () => {
    process.env.TARO_ENV = 'h5';
    const { prefetchSubscribeTemplates, request } = await started();
    prefetchSubscribeTemplates();
    expect(request).not.toHaveBeenCalled();
  });
});
