import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './app/Root';
import './styles.css';

const container = document.getElementById('root');
if (container) createRoot(container).render(<StrictMode><Root /></StrictMode>);
