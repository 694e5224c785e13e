import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import ruData from './data/ru-production-calendar.json';

/** One year of a country's production calendar beyond its public holidays (see the data file). */
export interface ProductionYear {
  source: string;
  /** `from`: the weekend day that coincided with a holiday; `to`: the day off it became. */
  transfers: { from: string; to: string; basis?: string }[];
  /** Weekend days that are working days (a "working Saturday"). */
  workingDays: string[];
  /** Pre-holiday working days, one hour shorter. */
  shortDays: string[];
}

export interface ProductionCalendarData {
  country: string;
  timeZone: string;
  years: Record<string, ProductionYear>;
}

export type ProductionDayKind = 'off' | 'working' | 'short' | 'working_short' | undefined;

/** Countries whose transfers we ship as data; other countries get public holidays only. */
const SHIPPED: Record<string, ProductionCalendarData> = { RU: ruData as ProductionCalendarData };

/**
 * A country's official working-day calendar: public holidays from `date-holidays`, plus the
 * yearly transfers from our data file. Loaded from files at start; nothing is fetched.
 */
export class ProductionCalendar {
  private readonly off = new Set<string>();
  private readonly working = new Set<string>();
  private readonly short = new Set<string>();
  private readonly loadedYears = new Set<number>();
  private readonly holidays: Holidays;

  private static readonly cache = new Map<string, ProductionCalendar>();

  /** Shared instance per country (the data never changes while the process runs). */
  static forCountry(country: string): ProductionCalendar {
    const key = country.toUpperCase();
    let cal = ProductionCalendar.cache.get(key);
    if (!cal) {
      cal = new ProductionCalendar(key, SHIPPED[key]);
      ProductionCalendar.cache.set(key, cal);
    }
    return cal;
  }

  static isKnownCountry(country: string): boolean {
    const key = country.toUpperCase();
    return key in SHIPPED || Boolean(new Holidays().getCountries('en')[key]);
  }

  constructor(
    readonly country: string,
    private readonly data?: ProductionCalendarData,
  ) {
    this.holidays = new Holidays(country);
    for (const year of Object.values(data?.years ?? {})) {
      for (const t of year.transfers) this.off.add(t.to);
      for (const d of year.workingDays) this.working.add(d);
      for (const d of year.shortDays) this.short.add(d);
    }
  }

  /** Years the shipped transfer data covers (outside them only public holidays apply). */
  get coveredYears(): number[] {
    return Object.keys(this.data?.years ?? {}).map(Number);
  }

  /** How the production calendar overrides the ordinary week on this ISO date, if at all. */
  dayKind(isoDate: string): ProductionDayKind {
    this.loadYear(Number(isoDate.slice(0, 4)));
    const short = this.short.has(isoDate);
    if (this.working.has(isoDate)) return short ? 'working_short' : 'working';
    if (this.off.has(isoDate)) return 'off';
    return short ? 'short' : undefined;
  }

  /** Public holidays (type "public") of a year; multi-day ones (Jan 2-6) are expanded. */
  private loadYear(year: number): void {
    if (this.loadedYears.has(year)) return;
    this.loadedYears.add(year);
    for (const h of this.holidays.getHolidays(year)) {
      if (h.type !== 'public') continue;
      const first = DateTime.fromISO(h.date.slice(0, 10));
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
      for (let i = 0; i < days; i++) {
        const iso = first.plus({ days: i }).toISODate();
        // A working Saturday in the data wins over a holiday rule that would cover it.
        if (iso && !this.working.has(iso)) this.off.add(iso);
      }
    }
  }
}
