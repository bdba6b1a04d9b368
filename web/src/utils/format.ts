import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

// Times are shown in Beijing time (UTC+8, no daylight saving), whatever the browser's zone,
// so that every user reads the same deadline and the same record times.
const beijing = (iso: string) => dayjs.utc(iso).utcOffset(480);

export const formatDateTime = (iso?: string): string => (iso ? beijing(iso).format('YYYY-MM-DD HH:mm') : '');

export const formatDate = (iso?: string): string => (iso ? beijing(iso).format('YYYY-MM-DD') : '');
