import { createRequire } from "node:module";
import { pinyin } from "pinyin-pro";
import { guessLanguage } from "./page-extract.js";

type JiebaModule = typeof import("@node-rs/jieba");
type DictModule = typeof import("@node-rs/jieba/dict.js");

interface Tools {
  jieba: InstanceType<JiebaModule["Jieba"]>;
  tfidf: InstanceType<JiebaModule["TfIdf"]>;
}
let tools: Tools | undefined;

/** jieba and its TF-IDF table from the npm package's bundled dictionaries (loaded once). */
function jiebaTools(): Tools {
  if (tools) return tools;
  const require = createRequire(import.meta.url);
  const { Jieba, TfIdf } = require("@node-rs/jieba") as JiebaModule;
  const { dict, idf } = require("@node-rs/jieba/dict.js") as DictModule;
  tools = { jieba: Jieba.withDict(dict), tfidf: TfIdf.withDict(idf) };
  return tools;
}

/** One thing to look for in a feed item, with how much finding it counts. */
export interface Term {
  text: string;
  weight: number;
}

/** What a topic is about, in Chinese and in English, for matching feed items. */
export interface TopicTerms {
  zh: Term[];
  en: Term[];
}

const EN_STOP = new Set(
  (
    "a an the and or but of in on at to for from by with without about as is are was were be been " +
    "being has have had do does did says said say tells told after before over under into out up " +
    "down off than then this that these those it its his her their they them he she we you i not no " +
    "yes new more most very just also will would could should can may might amid why how what who " +
    "when where which while per vs via all any some many much one two three first last china chinese " +
    "weibo trending topic topics news report reports people netizens online video"
  ).split(" "),
);

/** Chinese function words and fillers that say nothing about the subject. */
const ZH_STOP = new Set(
  "什么 怎么 为什么 这个 那个 一个 我们 你们 他们 自己 已经 还是 就是 可以 没有 不是 非常 一起 现在 今天 回应 网友 热议 曝光 官宣 最新 视频 回复".split(
    " ",
  ),
);

/** jieba part-of-speech tags of names: people, places, organisations, other proper nouns. */
const NAME_TAGS = new Set(["nr", "nrfg", "nrt", "ns", "nt", "nz"]);

const isHanWord = (w: string) => /\p{Script=Han}/u.test(w);

/** Romanised Chinese person name: surname, then given name as one word ("Xi Jinping"). */
export function nameInPinyin(name: string): string {
  const syllables = pinyin(name, { toneType: "none", type: "array" }).map((s) => s.toLowerCase());
  if (syllables.length < 2 || syllables.length > 4) return "";
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const [surname = "", ...given] = syllables;
  return `${cap(surname)} ${cap(given.join(""))}`;
}

function mergeTerms(terms: Term[]): Term[] {
  const best = new Map<string, number>();
  for (const t of terms) {
    const key = t.text.toLowerCase();
    if (!key) continue;
    best.set(key, Math.max(best.get(key) ?? 0, t.weight));
  }
  return [...best].map(([text, weight]) => ({ text, weight }));
}

function englishTerms(title: string): Term[] {
  const terms: Term[] = [];
  // Runs of capitalised words are names ("Kim Jong Un", "Starbucks"); they weigh most.
  for (const match of title.matchAll(/\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*/g)) {
    const phrase = match[0].replace(/['’]s$/, "");
    const words = phrase.split(/\s+/).filter((w) => !EN_STOP.has(w.toLowerCase()));
    if (words.length === 0) continue;
    terms.push({ text: words.join(" "), weight: words.length > 1 ? 3 : 2 });
  }
  for (const word of title.toLowerCase().match(/[a-z][a-z'-]{2,}/g) ?? []) {
    if (!EN_STOP.has(word)) terms.push({ text: word, weight: 1 });
  }
  return terms;
}

/**
 * Terms of a topic: the hashtag's jieba words (names weigh most, then TF-IDF keywords of
 * the hashtag and its lead text), the English title's words and names, and Chinese person
 * names in pinyin, so an English feed can match a Chinese hashtag.
 */
export function topicTerms(topic: { word: string; titleEn: string; lead?: string }): TopicTerms {
  const { jieba, tfidf } = jiebaTools();
  const zh: Term[] = [];
  const en: Term[] = [];
  const keywords = tfidf.extractKeywords(jieba, topic.word, 8);
  const keywordSet = new Set(keywords.map((k) => k.keyword));
  for (const { word, tag } of jieba.tag(topic.word, false)) {
    const clean = word.trim();
    if (clean.length < 2 || ZH_STOP.has(clean) || /^\d+$/.test(clean)) continue;
    if (!isHanWord(clean)) {
      if (/^[A-Za-z][\w-]+$/.test(clean)) en.push({ text: clean, weight: 2 });
      zh.push({ text: clean, weight: 2 });
      continue;
    }
    const isName = NAME_TAGS.has(tag);
    zh.push({ text: clean, weight: isName ? 3 : keywordSet.has(clean) ? 2 : 1 });
    if (tag === "nrfg" || (tag === "nr" && clean.length >= 2 && clean.length <= 3)) {
      const romanised = nameInPinyin(clean);
      if (romanised && tag === "nrfg") en.push({ text: romanised, weight: 3 });
    }
  }
  // Long compounds ("俄罗斯国家杜马") also match through their parts ("杜马").
  for (const part of jieba.cutForSearch(topic.word, false)) {
    if (part.length >= 2 && isHanWord(part) && !ZH_STOP.has(part))
      zh.push({ text: part, weight: 1 });
  }
  if (topic.lead) {
    for (const k of tfidf.extractKeywords(jieba, topic.lead, 5)) {
      if (k.keyword.length >= 2 && isHanWord(k.keyword) && topic.word.includes(k.keyword))
        zh.push({ text: k.keyword, weight: 2 });
    }
  }
  en.push(...englishTerms(topic.titleEn));
  return { zh: mergeTerms(zh), en: mergeTerms(en) };
}

export interface MatchResult {
  matched: string[];
  score: number;
  /** Share of the topic's term weight found in the item (0..1). */
  coverage: number;
  accepted: boolean;
}

function found(haystack: string, term: string): boolean {
  if (isHanWord(term)) return haystack.includes(term);
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "iu").test(haystack);
}

/**
 * Whether a feed item is about the topic. The item's language picks the term list; an item
 * counts when it holds at least two distinct terms (one when the topic has only one) that
 * carry at least 40 % of the topic's term weight, so one shared common word is not enough.
 */
export function matchItem(terms: TopicTerms, item: { title: string; text: string }): MatchResult {
  const haystack = `${item.title}\n${item.text}`;
  const language = guessLanguage(haystack);
  const list = language === "zh" ? terms.zh : terms.en;
  // Sub-terms of a found term add nothing new ("杜马" inside "俄罗斯国家杜马").
  const hits = list.filter((t) => found(haystack, t.text));
  const distinct = hits.filter(
    (h) => !hits.some((o) => o !== h && o.text.length > h.text.length && o.text.includes(h.text)),
  );
  const total = list.reduce((s, t) => s + t.weight, 0);
  const score = hits.reduce((s, t) => s + t.weight, 0);
  const coverage = total > 0 ? score / total : 0;
  const needed = Math.min(2, list.length);
  return {
    matched: distinct.map((h) => h.text),
    score,
    coverage,
    accepted: list.length > 0 && distinct.length >= needed && coverage >= 0.4,
  };
}
