import type { PropsWithChildren } from 'react';
import { pressWithKeys } from './utils/a11y';
import { IS_H5 } from './utils/platform';
import './app.css';

if (IS_H5) pressWithKeys(document);

// Taro renders the current page as the app's children.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
