import { toastDone } from '../../src/utils/toast';
import { taro } from '../support/taro';

describe('the toast after something went through', () => {
  it('carries the tick when WeChat can show the whole text beside it (7 characters)', () => {
    toastDone('报到已确认');
    toastDone('已提交，待社区核实');

    expect(taro.showToast).toHaveBeenNthCalledWith(1, { title: '报到已确认', icon: 'success' });
    // Beside the tick WeChat would cut it to 已提交，待社区; without it the whole text shows.
    expect(taro.showToast).toHaveBeenNthCalledWith(2, { title: '已提交，待社区核实', icon: 'none' });
  });
});
