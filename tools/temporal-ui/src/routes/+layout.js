import i18next from 'i18next';
import { i18nNamespaces } from '@temporalio/ui/i18n/index';
import resources from '@temporalio/ui/i18n/locales/index';

// Every page asks the API for its data from the browser; there is no server to render on.
export const ssr = false;

// Before any component calls translate(): the library's labels are i18next keys. English is the
// only language it ships.
i18next.init({
  lng: 'en',
  fallbackLng: 'en',
  ns: i18nNamespaces,
  defaultNS: 'common',
  resources,
});
