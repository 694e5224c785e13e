/**
 * Each capability's UI strings live beside it (`web/src/<feature>/locale.ts`, exporting
 * `{ ru, en }` under one top-level key such as `reports`), so features are added without
 * editing one shared dictionary. Add one line per feature here.
 */
import { alertsLocale } from '../alerts/locale';
import { sourceSetupLocale } from '../admin/locale';
import { reportsLocale } from '../reports/locale';
import { reviewLocale } from '../review/locale';
import { tagsLocale } from '../tags/locale';
import { shareLocale } from '../share/locale';
import { searchLocale } from '../inbox/search/locale';
import { customerLocale } from '../customers/locale';
import { kbLocale } from '../kb/locale';
import { autoAckLocale } from '../autoack/locale';

export interface FeatureLocale {
  ru: Record<string, unknown>;
  en: Record<string, unknown>;
}

export const featureLocales: FeatureLocale[] = [
  reviewLocale,
  tagsLocale,
  alertsLocale,
  sourceSetupLocale,
  reportsLocale,
  shareLocale,
  searchLocale,
  customerLocale,
  kbLocale,
  autoAckLocale,
];
