/** Dates in words. */
import { dateParts, toLocalDate, type LocalDate } from '../domain/shanghai-time.js';

/** A date as Chinese readers write it: '2026年10月9日'. Takes an instant or a Shanghai date. */
export const formatDateZh = (when: Date | LocalDate): string => {
  const { y, m, day } = dateParts(typeof when === 'string' ? when : toLocalDate(when));
  return `${y}年${m}月${day}日`;
};
