// Noto Sans SC in unicode-range slices: a page downloads only the slices of the characters it
// shows, and no reader depends on a system CJK font.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';
import { render } from 'preact';
import { App } from './App.tsx';
import { initI18n, initialLang } from './i18n/index.ts';

const lang = initialLang();
document.documentElement.lang = lang;
await initI18n(lang);
render(<App initialLang={lang} />, document.getElementById('app')!);
