import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, must } from './api/client.ts';
import { Link } from './components/ui.tsx';
import { I18nContext, setLang, translator } from './i18n/index.ts';
import { CALLBACK_PATH, config } from './lib/config.ts';
import { MetaContext } from './lib/context.ts';
import { beijingDate, type Lang, previousPeriod } from './lib/format.ts';
import { allPages } from './lib/paging.ts';
import { match, navigate, usePath } from './lib/router.ts';
import { type Session, session } from './lib/session.ts';
import { useAsync } from './lib/use-async.ts';
import { AuthCallback } from './pages/AuthCallback.tsx';
import { Board } from './pages/Board.tsx';
import { Imports } from './pages/Imports.tsx';
import { Inbox } from './pages/Inbox.tsx';
import { ItemPage } from './pages/ItemPage.tsx';
import { Notices } from './pages/Notices.tsx';
import { NotificationSettingsPage } from './pages/NotificationSettings.tsx';
import { Notifications } from './pages/Notifications.tsx';
import { Office } from './pages/Office.tsx';
import { Operations } from './pages/Operations.tsx';
import { Projects } from './pages/Projects.tsx';
import { Rankings } from './pages/Rankings.tsx';
import { RulesPage } from './pages/Rules.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { Stats } from './pages/Stats.tsx';
import { Work } from './pages/Work.tsx';

/** Pages a role may open beyond the public ones (the API checks again on every call). */
const ROLE_PAGES: Record<Session['role'], readonly string[]> = {
  office: ['/inbox', '/office', '/imports', '/notification-settings', '/ops', '/rules'],
  commander: ['/inbox', '/rules'],
  unit: ['/inbox', '/imports', '/notification-settings', '/rules'],
  manager: ['/inbox', '/imports', '/rules'],
  inspector: ['/inbox', '/rules'],
};

export function App({ initialLang }: { initialLang: Lang }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [who, setWho] = useState<Session | undefined>(session.get());
  useEffect(() => session.subscribe(() => setWho(session.get())), []);
  const i18n = useMemo(() => ({ lang, t: translator() }), [lang]);
  const { t } = i18n;
  const path = usePath();

  // The system's date (the local demo lives in 2022, on a virtual clock), then its units.
  const meta = useAsync(async () => {
    const [health, units] = await Promise.all([
      must(api.GET('/v1/health')),
      // Paged like every list (100 a page): the names of every unit, page after page.
      allPages((cursor) =>
        must(
          api.GET('/v1/public/units', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
        ),
      ),
    ]);
    const today = beijingDate(health.time);
    return {
      today,
      year: Number(today.slice(0, 4)),
      units: new Map(units.flatMap((p) => p.items).map((u) => [u.unitId, u])),
    };
  }, []);

  useEffect(() => {
    document.title = `${t('app.short')} · ${t('app.title')}`;
  }, [t, lang]);

  async function switchLang() {
    const next: Lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
    await setLang(next);
    setLangState(next);
  }

  const nav = [
    { href: '/', label: t('nav.board'), on: path === '/' || path.startsWith('/items/') },
    { href: '/projects', label: t('nav.projects'), on: path === '/projects' },
    { href: '/rankings', label: t('nav.rankings'), on: path.startsWith('/rankings') },
    { href: '/notices', label: t('nav.notices'), on: path === '/notices' },
    { href: '/stats', label: t('nav.stats'), on: path === '/stats' },
    ...(who ? [{ href: '/inbox', label: t('nav.inbox'), on: path === '/inbox' }] : []),
    ...(who && ROLE_PAGES[who.role].includes('/office')
      ? [{ href: '/office', label: t('nav.office'), on: path === '/office' }]
      : []),
    ...(who ? [{ href: '/work', label: t('nav.work'), on: path === '/work' }] : []),
    ...(who ? [{ href: '/notifications', label: t('notify.nav'), on: path === '/notifications' }] : []),
    ...(who && ROLE_PAGES[who.role].includes('/imports')
      ? [{ href: '/imports', label: t('sheets.nav'), on: path === '/imports' }]
      : []),
    ...(who && ROLE_PAGES[who.role].includes('/notification-settings')
      ? [{ href: '/notification-settings', label: t('delivery.nav'), on: path === '/notification-settings' }]
      : []),
    ...(who && ROLE_PAGES[who.role].includes('/ops')
      ? [{ href: '/ops', label: t('nav.ops'), on: path === '/ops' }]
      : []),
    ...(who && ROLE_PAGES[who.role].includes('/rules')
      ? [{ href: '/rules', label: t('nav.rules'), on: path === '/rules' }]
      : []),
  ];

  const latest = meta.data ? previousPeriod(meta.data.today) : '';
  let page: preact.ComponentChildren = null;
  if (meta.data) {
    const item = match('/items/:id', path);
    const rk = match('/rankings/:period', path);
    if (item?.id) page = <ItemPage id={item.id} />;
    else if (path === '/projects') page = <Projects />;
    else if (rk?.period) page = <Rankings period={rk.period} latest={latest} />;
    else if (path === '/rankings') page = <Rankings period={latest} latest={latest} />;
    else if (path === '/notices') page = <Notices />;
    else if (path === '/stats') page = <Stats />;
    else if (path === '/sign-in') page = <SignIn />;
    else if (path === CALLBACK_PATH) page = <AuthCallback />;
    else if (path === '/office') {
      page =
        who && ROLE_PAGES[who.role].includes('/office') ? (
          <Office />
        ) : (
          <p role="alert">{t('inbox.forbidden')}</p>
        );
    } else if (path === '/imports') {
      // The office imports items; a unit or a project manager its monthly progress.
      page =
        who && ROLE_PAGES[who.role].includes('/imports') ? (
          <Imports sheet={who.role === 'office' ? 'items' : 'progress'} />
        ) : (
          <p role="alert">{t('inbox.forbidden')}</p>
        );
    } else if (path === '/notification-settings') {
      page =
        who && ROLE_PAGES[who.role].includes('/notification-settings') ? (
          <NotificationSettingsPage who={who} />
        ) : (
          <p role="alert">{t('inbox.forbidden')}</p>
        );
    } else if (path === '/ops') {
      page =
        who && ROLE_PAGES[who.role].includes('/ops') ? (
          <Operations />
        ) : (
          <p role="alert">{t('inbox.forbidden')}</p>
        );
    } else if (path === '/rules') {
      page =
        who && ROLE_PAGES[who.role].includes('/rules') ? (
          <RulesPage />
        ) : (
          <p role="alert">{t('inbox.forbidden')}</p>
        );
    } else if (path === '/inbox') {
      page =
        who && ROLE_PAGES[who.role].includes('/inbox') ? (
          <Inbox who={who} />
        ) : (
          <p role="alert">{t('inbox.forbidden')}</p>
        );
    } else if (path === '/notifications') {
      page = who ? <Notifications who={who} /> : <p role="alert">{t('inbox.forbidden')}</p>;
    } else if (path === '/work') {
      page = who ? <Work who={who} /> : <p role="alert">{t('inbox.forbidden')}</p>;
    } else page = <Board />;
  }

  return (
    <I18nContext.Provider value={i18n}>
      <MetaContext.Provider value={meta.data ?? { year: 2022, units: new Map() }}>
        <a class="skip" href="#main">
          {t('app.skip')}
        </a>
        <header class="top">
          <div class="brand">
            <Link href="/">{t('app.title')}</Link>
          </div>
          <nav aria-label={t('nav.label')}>
            <ul>
              {nav.map((n) => (
                <li key={n.href}>
                  <Link href={n.href} current={n.on}>
                    {n.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div class="tools">
            <button
              type="button"
              class="lang"
              lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
              title={t('app.switchLangLabel')}
              onClick={() => void switchLang()}
            >
              {t('app.switchLang')}
            </button>
            {who ? (
              <button
                type="button"
                onClick={() => {
                  session.set(undefined);
                  const auth = config().auth;
                  // With an identity provider, its session ends too (lib/oidc.ts, loaded only then).
                  if (auth.kind === 'oidc') void import('./lib/oidc.ts').then((m) => m.signOut(auth));
                  else navigate('/');
                }}
              >
                {t('app.signOut')}
              </button>
            ) : (
              <Link href="/sign-in" class="button">
                {t('app.signIn')}
              </Link>
            )}
          </div>
        </header>
        <main id="main">
          {meta.error ? (
            <p role="alert">{t('common.error', { message: meta.error.message })}</p>
          ) : meta.data ? (
            page
          ) : (
            <p class="muted">{t('common.loading')}</p>
          )}
        </main>
        <footer class="foot muted">{t('app.demoNote')}</footer>
      </MetaContext.Provider>
    </I18nContext.Provider>
  );
}
