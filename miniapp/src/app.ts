import type { PropsWithChildren } from 'react';
import { listenForKeys } from './utils/browser';
import './app.css';

if (process.env.TARO_ENV === 'h5') listenForKeys();

// Taro renders the current page as the app's children.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
