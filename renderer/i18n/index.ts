import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { NAMESPACES, resources, type Lng } from '../../shared/i18n/resources';

/** The renderer's i18next: every namespace loaded up front (they are small and offline). */
export function initI18n(lng: Lng = 'en') {
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    ns: NAMESPACES,
    defaultNS: 'common',
    // A key's first segment names its namespace: `groups.list.title` is list.title in groups.json.
    nsSeparator: '.',
    keySeparator: '.',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
    react: { useSuspense: false },
  });
  document.documentElement.lang = lng;
  return i18next;
}

export async function changeLanguage(lng: Lng) {
  await i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}

export { i18next };
