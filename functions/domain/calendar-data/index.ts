// The State Council's holiday arrangements shipped with the platform: seeded for every region and
// offered to the bureau as the official default. A new year's notice arrives in Oct–Nov.
import type { CalendarYear } from '../working-days.ts';
import { cn2024 } from './cn-2024.ts';
import { cn2025 } from './cn-2025.ts';
import { cn2026 } from './cn-2026.ts';

export const OFFICIAL_CALENDARS: readonly CalendarYear[] = [cn2024, cn2025, cn2026];

export const officialCalendar = (year: number) => OFFICIAL_CALENDARS.find((c) => c.year === year);
