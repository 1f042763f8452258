/**
 * Kubernetes resource quantities (`512Mi`, `2Gi`, `500m`, `1.5`, `1e3`), as the API server reads them:
 * a signed decimal number, then either a binary suffix (Ki Mi Gi Ti Pi Ei), a decimal suffix
 * (n u m k M G T P E) or a decimal exponent. `512MB`, `2GiB` and `1 Gi` are not quantities.
 */
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const FACTORS: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

export function isQuantity(value: string | number): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return QUANTITY.test(value);
}

/** The quantity's value in base units (bytes, cores), or undefined when it is not a quantity. */
export function quantityValue(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const m = QUANTITY.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (/^[eE]/.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  return n * (FACTORS[suffix] ?? 1);
}

/**
 * What a near-miss meant. `exact` reads the same amount (`512MB` → `512M`, `2GiB` → `2Gi`, `1 Gi` →
 * `1Gi`, `512B` → `512`); `other` is the customary spelling that changes the amount slightly (`512MB` →
 * `512Mi`, 4.9 % more). Undefined when there is no safe reading.
 */
export function quantitySuggestions(value: string): { exact: string; other?: string } | undefined {
  const v = value.trim();
  const NUM = '([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))';
  const spaced = v.replace(/\s+/g, '');
  if (spaced !== v && QUANTITY.test(spaced)) return { exact: spaced };
  let m = new RegExp(`^${NUM}\\s*([KMGTPE])(i?)B$`, 'i').exec(v);
  if (m) {
    const n = m[1] as string;
    const unit = (m[2] as string).toUpperCase();
    if (m[3]) return { exact: `${n}${unit}i` };
    return { exact: `${n}${unit === 'K' ? 'k' : unit}`, other: `${n}${unit}i` };
  }
  m = new RegExp(`^${NUM}\\s*([kmgtpe])i$`).exec(v);
  if (m) return { exact: `${m[1]}${(m[2] as string).toUpperCase()}i` };
  m = new RegExp(`^${NUM}\\s*(B|bytes?)$`, 'i').exec(v);
  if (m) return { exact: m[1] as string };
  return undefined;
}
