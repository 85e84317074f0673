import i18next, { type TFunction } from 'i18next';
import { NAMESPACES, resources, type Lng } from '../../shared/i18n/resources';

/** The backend's translator: documents are written, and error sentences phrased, from the same
 * catalogues the renderer shows. */
const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  ns: NAMESPACES,
  defaultNS: 'common',
  // A key's first segment names its namespace (file): `errors.notFound` is notFound in errors.json.
  nsSeparator: '.',
  keySeparator: '.',
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

export function translator(lng: Lng = 'en'): TFunction {
  return instance.getFixedT(lng);
}

export function translate(key: string, params?: Record<string, unknown>, lng: Lng = 'en'): string {
  return instance.t(key, { ...params, lng });
}
