import type { PropsWithChildren } from 'react';
import './app.css';

// Taro renders the current page as the app's children.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
