// Noto Sans SC in unicode-range slices: a page downloads only the slices of the characters it
// shows, and no reader depends on a system CJK font.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';
import i18next from 'i18next';
import { render } from 'preact';
import { App } from './App.tsx';
import { initI18n, initialLang } from './i18n/index.ts';
import { loadConfig } from './lib/config.ts';

const lang = initialLang();
document.documentElement.lang = lang;
const [, loaded] = await Promise.allSettled([initI18n(lang), loadConfig()]);
const root = document.getElementById('app')!;
if (loaded.status === 'fulfilled') render(<App initialLang={lang} />, root);
else {
  // Without config.json the console knows neither its API nor how to sign in: say so.
  console.error(loaded.reason);
  render(
    <main id="main">
      <h1>{i18next.t('app.title')}</h1>
      <p role="alert">{i18next.t('app.configUnavailable')}</p>
    </main>,
    root,
  );
}
