/** Both drivers return the same JavaScript values: dates as 'YYYY-MM-DD', counts and amounts as numbers. */
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;

export const PARSERS: Record<number, (value: string) => unknown> = {
  [OID.int8]: Number,
  [OID.numeric]: Number,
  [OID.date]: (value) => value,
};
