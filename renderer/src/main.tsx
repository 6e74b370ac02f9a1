import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { registerScreenFeatures } from './app/registry';
import { UI_FEATURES } from './features';
import './app/styles.css';

// The composition root: the core reads the features' screens, commands and status items from what is registered here.
registerScreenFeatures(UI_FEATURES);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
