/** Order identity and numbering: per year and type, sequential, no gaps, no duplicates. */
import { ORDER_ID_PATTERN, type OrderType } from './model.ts';

const CODE: Record<OrderType, string> = { responsibility: 'RES', commendation: 'COM', inquiry: 'INQ' };
/** The character in the official number: 责任令 责, 嘉许令 嘉, 问询令 询. */
const ZH: Record<OrderType, string> = { responsibility: '责', commendation: '嘉', inquiry: '询' };

export function orderId(type: OrderType, year: number, number: number): string {
  return `${year}-${CODE[type]}-${String(number).padStart(4, '0')}`;
}

export function displayNumber(type: OrderType, year: number, number: number): string {
  return `福田${ZH[type]}〔${year}〕${number}号`;
}

export function parseOrderId(id: string): { type: OrderType; year: number; number: number } | undefined {
  const m = ORDER_ID_PATTERN.exec(id);
  if (!m) return undefined;
  const type = (Object.keys(CODE) as OrderType[]).find((t) => CODE[t] === m[2]);
  return type ? { type, year: Number(m[1]), number: Number(m[3]) } : undefined;
}
