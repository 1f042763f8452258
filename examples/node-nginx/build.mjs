// Stands in for a real bundler (Vite, webpack): copies src/ to dist/.
import { cpSync, mkdirSync } from 'node:fs';

mkdirSync('dist', { recursive: true });
cpSync('src', 'dist', { recursive: true });
