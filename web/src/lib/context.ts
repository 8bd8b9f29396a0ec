import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PublicUnit } from '../api/client.ts';
import type { Lang } from './format.ts';

export interface Meta {
  /** The system's year (the local demo lives in 2022). */
  readonly year: number;
  /** The system's Beijing date (YYYY-MM-DD). */
  readonly today?: string;
  readonly units: ReadonlyMap<string, PublicUnit>;
}

export const MetaContext = createContext<Meta>({ year: 2022, units: new Map() });
export const useMeta = () => useContext(MetaContext);

/** A unit's name in the reader's language; the id only when the unit is unknown. */
export function unitName(units: ReadonlyMap<string, PublicUnit>, unitId: string, lang: Lang): string {
  const u = units.get(unitId);
  if (!u) return unitId;
  return lang === 'zh-CN' ? (u.nameZh ?? u.name) : u.name;
}
