/**
 * Finds numbers in English and Chinese text and gives each one value, so "1,200", "1200",
 * "1.2 thousand", "一千二百" and "1200" compare equal, and "3.5 percent", "3.5%" and
 * "百分之三点五" too. Written here rather than pulled in: the rules we need are few and the
 * percent and 万/亿 forms need special handling anyway.
 */
export interface NumberMention {
  value: number;
  percent: boolean;
  /** The text as written. */
  text: string;
  start: number;
  end: number;
  /** "about", "more than", "nearly"… precede it: the source may give a nearby figure. */
  approximate: boolean;
  ordinal: boolean;
}

const SCALE: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
};

const WORD_NUMBERS: Record<string, number> = {
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  dozen: 12,
};

const WORD_ORDINALS: Record<string, number> = {
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

const HEDGE =
  /\b(?:about|around|approximately|roughly|nearly|almost|some|over|more than|less than|fewer than|under|at least|at most|close to|upwards of|an estimated|estimated)\s+(?:[$¥€£]|US\$|RMB\s?)?$/i;

const EN_NUMBER =
  /(?<![A-Za-z\d.,])(?:US\$|HK\$|[$¥€£]|RMB\s?)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(thousand|million|billion|trillion|bn|mn|tn|k|m|b)\b)?(\s?%|\s?(?:percent|per cent)\b|(?:st|nd|rd|th)\b)?/giu;

const EN_WORD =
  /\b(three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|dozen|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b(\s+(?:percent|per cent))?/gi;

const ZH_DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const ZH_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const ZH_BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Value of a Chinese numeral like 一千二百, 十五, 三点五, 二〇一九; NaN when not one. */
export function chineseNumeral(text: string): number {
  const [intPart = "", fracPart] = text.split("点");
  let total = 0;
  let section = 0;
  let digit = -1;
  let sawUnit = false;
  let plainDigits = "";
  for (const ch of intPart) {
    if (ch in ZH_DIGIT) {
      digit = ZH_DIGIT[ch] as number;
      plainDigits += String(digit);
    } else if (ch in ZH_UNIT) {
      section += (digit < 0 ? 1 : digit) * (ZH_UNIT[ch] as number);
      digit = -1;
      sawUnit = true;
    } else if (ch in ZH_BIG) {
      section += Math.max(digit, 0);
      total += (section === 0 ? 1 : section) * (ZH_BIG[ch] as number);
      section = 0;
      digit = -1;
      sawUnit = true;
    } else return Number.NaN;
  }
  // 二〇一九 is read digit by digit.
  let value = sawUnit ? total + section + Math.max(digit, 0) : Number(plainDigits || "NaN");
  if (fracPart !== undefined) {
    let frac = "";
    for (const ch of fracPart) {
      if (!(ch in ZH_DIGIT)) return Number.NaN;
      frac += String(ZH_DIGIT[ch]);
    }
    value = Number(`${value}.${frac}`);
  }
  return value;
}

const ZH_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿点";
const ZH_PATTERN = new RegExp(
  `(百分之)?(\\d+(?:\\.\\d+)?|[${ZH_NUMERAL_CHARS}]+)(万|亿)?(%|％)?`,
  "g",
);

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Every number mention in the text; years inside dates are the caller's to mask. */
export function findNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  for (const m of text.matchAll(EN_NUMBER)) {
    const raw = m[1] ?? "";
    const scaleWord = m[2]?.toLowerCase();
    const suffix = (m[3] ?? "").trim().toLowerCase();
    // "5m" could be five metres; only take single-letter scales after a currency sign.
    if (scaleWord && scaleWord.length === 1 && !/^(US\$|HK\$|[$¥€£]|RMB)/.test(m[0])) continue;
    const base = Number(raw.replace(/,/g, ""));
    if (!Number.isFinite(base)) continue;
    const start = m.index ?? 0;
    out.push({
      value: round(base * (scaleWord ? (SCALE[scaleWord] ?? 1) : 1)),
      percent: suffix === "%" || suffix.startsWith("per"),
      text: m[0],
      start,
      end: start + m[0].length,
      approximate: HEDGE.test(text.slice(Math.max(0, start - 24), start)),
      ordinal: /^(st|nd|rd|th)$/.test(suffix),
    });
  }
  for (const m of text.matchAll(EN_WORD)) {
    const word = (m[1] ?? "").toLowerCase();
    const start = m.index ?? 0;
    const ordinal = word in WORD_ORDINALS;
    out.push({
      value: (ordinal ? WORD_ORDINALS[word] : WORD_NUMBERS[word]) ?? 0,
      percent: Boolean(m[2]),
      text: m[0],
      start,
      end: start + m[0].length,
      approximate: HEDGE.test(text.slice(Math.max(0, start - 24), start)),
      ordinal,
    });
  }
  for (const m of text.matchAll(ZH_PATTERN)) {
    const core = m[2] ?? "";
    if (/^\d/.test(core) && !m[1] && !m[3]) continue; // plain digits: the English pass has them
    if (!/^\d/.test(core) && core.length === 1 && !m[1] && !m[3] && "点万亿".includes(core))
      continue;
    const base = /^\d/.test(core) ? Number(core) : chineseNumeral(core);
    if (!Number.isFinite(base)) continue;
    // Lone 一 in words like 一起 or 统一 is not a number worth checking.
    if (!/^\d/.test(core) && base < 3 && !m[1] && !m[3]) continue;
    const start = m.index ?? 0;
    const value = round(base * (m[3] ? (ZH_BIG[m[3]] as number) : 1));
    if (/^\d/.test(core) && m[3]) {
      // "1.2万": drop the plain "1.2" the English pass found at the same place.
      const dup = out.findIndex((o) => o.start === start && !o.percent);
      if (dup >= 0) out.splice(dup, 1);
    }
    out.push({
      value,
      percent: Boolean(m[1] || m[4]),
      text: m[0],
      start,
      end: start + m[0].length,
      approximate: false,
      ordinal: text[start - 1] === "第",
    });
  }
  return out;
}

/** Whether a source's numbers contain the article's number. */
export function numberSupported(
  mention: NumberMention,
  sourceNumbers: readonly NumberMention[],
): boolean {
  for (const s of sourceNumbers) {
    if (s.value === mention.value) return true;
    if (mention.approximate && mention.value !== 0) {
      // "about 5%" may stand for 5.3%, not for 5.8%; "about 1,200" for anything within a tenth.
      const near = mention.percent
        ? Math.abs(s.value - mention.value) <= 0.5
        : Math.abs(s.value - mention.value) / Math.abs(mention.value) <= 0.1;
      if (near) return true;
    }
    // A figure rounded in the article: "1.2 million" for "1,213,000", "134.9 trillion" for
    // "1349084亿", "5.4%" for "5.43%" (only to the decimals the article writes).
    if (mention.value >= 1000 && s.value >= 1000) {
      if (roundTo(s.value, significantDigits(mention.value)) === mention.value) return true;
    }
    const decimals = /\.(\d+)/.exec(mention.text.replace(/,/g, ""))?.[1]?.length ?? 0;
    if (mention.value < 1000 && decimals > 0 && mention.percent === s.percent) {
      if (round(Math.round(s.value * 10 ** decimals) / 10 ** decimals) === mention.value)
        return true;
    }
  }
  return false;
}

function significantDigits(value: number): number {
  const digits = String(Math.abs(value)).replace(".", "").replace(/0+$/, "").replace(/^0+/, "");
  return digits.length;
}

function roundTo(value: number, digits: number): number {
  if (value === 0) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(value))) - digits + 1);
  return round(Math.round(value / magnitude) * magnitude);
}
