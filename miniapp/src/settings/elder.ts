import { storedValue } from './stored';

/**
 * 适老化 (elder-friendly mode): larger type and controls and stronger contrast on every page,
 * switched in 我的 and kept on this phone. Pages apply it through `Page` (`page--elder`); the sizes
 * and colours it changes are the design tokens in app.css.
 */
export const elderMode = storedValue('huijia.elder', (stored) => stored === true);
