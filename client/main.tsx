import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { initI18n } from './i18n/i18n.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});

// Keeps the app on the device for offline use (client/public/sw.js). Only in a
// built app: in `npm run dev` a cached page would hide hot reloads.
if ('serviceWorker' in navigator && import.meta.env.MODE !== 'development') {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // No service worker (old browser, private mode): everything works online.
    });
    // Scripts this page loaded before the worker took over are kept too.
    const keepLoaded = (): void => {
      const urls = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((url) => new URL(url).origin === location.origin && new URL(url).pathname.startsWith('/assets/'));
      navigator.serviceWorker.controller?.postMessage({ type: 'keep', urls });
    };
    void navigator.serviceWorker.ready.then(keepLoaded);
    navigator.serviceWorker.addEventListener('controllerchange', keepLoaded);
  });
}
