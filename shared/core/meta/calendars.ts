/**
 * Calendar arithmetic: a year, month and day as written in the page's calendar (Gregorian, Solar Hijri,
 * Thai Buddhist era) to a valid Gregorian date, through the Julian day number where the calendars differ.
 */

import type { Calendar } from './dateTables.js';

/** A date as read from the text; `cal` says which calendar its numbers are in (Gregorian when absent). */
export interface Ymd { y: number; mo: number; d: number; cal?: Calendar }

function isValidYmd(y: number, mo: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(mo) || !Number.isInteger(d) || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Solar Hijri → Gregorian (the arithmetic 33-year-cycle algorithm used by jalaali-js; exact for 1178–1633 SH). */
function jalaliToGregorian(jy: number, jm: number, jd: number): Ymd | null {
  if (jm < 1 || jm > 12 || jd < 1 || jd > (jm <= 6 ? 31 : 30)) return null;
  const jdn = jalaliToJdn(jy, jm, jd);
  const { y, mo, d } = jdnToGregorian(jdn);
  return { y, mo, d };
}

function jalaliToJdn(jy: number, jm: number, jd: number): number {
  const breaks = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178];
  const gy = jy + 621;
  let leapJ = -14;
  let jp = breaks[0];
  let jump = 0;
  for (let i = 1; i < breaks.length; i++) {
    const jm2 = breaks[i];
    jump = jm2 - jp;
    if (jy < jm2) break;
    leapJ += Math.floor(jump / 33) * 8 + Math.floor((jump % 33) / 4);
    jp = jm2;
  }
  const n = jy - jp;
  leapJ += Math.floor(n / 33) * 8 + Math.floor(((n % 33) + 3) / 4);
  if (jump % 33 === 4 && jump - n === 4) leapJ += 1;
  const leapG = Math.floor(gy / 4) - Math.floor(((Math.floor(gy / 100) + 1) * 3) / 4) - 150;
  const march = 20 + leapJ - leapG;
  return gregorianToJdn(gy, 3, march) + (jm - 1) * 31 - Math.floor(jm / 7) * (jm - 7) + jd - 1;
}

function gregorianToJdn(y: number, m: number, d: number): number {
  const a = Math.floor((14 - m) / 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  return d + Math.floor((153 * mm + 2) / 5) + 365 * yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) - 32045;
}

function jdnToGregorian(jdn: number): { y: number; mo: number; d: number } {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return { d: e - Math.floor((153 * m + 2) / 5) + 1, mo: m + 3 - 12 * Math.floor(m / 10), y: 100 * b + d - 4800 + Math.floor(m / 10) };
}

/** A written y/m/d in its calendar → a valid Gregorian date, or null. */
export function toGregorian(ymd: Ymd): Ymd | null {
  let { y } = ymd;
  if (ymd.cal === 'jalali') return jalaliToGregorian(y, ymd.mo, ymd.d);
  if (ymd.cal === 'thai' && y > 2400) y -= 543;
  return isValidYmd(y, ymd.mo, ymd.d) ? { y, mo: ymd.mo, d: ymd.d } : null;
}
