// Entry point of the renderer: mounts the app inside the window-wide error boundary.
import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ErrorBoundary } from './components/error-boundary';
import './styles.css';

// zod probes for eval support at first use; the CSP forbids eval, so say up front not to try (no CSP violation).
z.config({ jitless: true });

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary scope="window">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
