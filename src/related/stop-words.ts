/**
 * English function words and news boilerplate that carry no topical signal. Written for
 * this project; deliberately short, because inverse document frequency already discounts
 * common words and a long list would drop words that matter in headlines ("fire", "home").
 */
const ENGLISH = `a about above after again against ago all also although am among an and another any
are around as at away back be became because been before being below between both but by can
could did do does doing done down during each either else even ever every few for from further
had has have having he her here hers herself him himself his how however i if in into is it its
itself just last least less let like made make many may me might more most much must my myself
near never new next no nor not now of off often on once one only or other others our ours
ourselves out over own per perhaps rather really said same say says see seen shall she should
since so some still such than that the their theirs them themselves then there these they this
those though through thus to today told too toward towards under until up upon us very via was
way we were what whatever when where whether which while who whom whose why will with within
without would yet you your yours yourself yourselves according added adding asked going got
get gets including including told well year years week weeks day days time times two three
mr mrs ms dr st monday tuesday wednesday thursday friday saturday sunday tonight yesterday
tomorrow morning afternoon evening night january february march april june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec`;

/** Chinese particles and function words that jieba keeps as tokens. */
const CHINESE = `的 了 是 在 和 与 及 或 也 都 就 而 被 把 对 从 向 为 于 以 等 着 过 吗 呢 吧 啊 呀
这 那 这个 那个 一个 我们 你们 他们 她们 它们 我 你 他 她 它 自己 什么 没有 不 很 还 又 已经 可以
因为 所以 但是 如果 然后 这样 一些 之 其 此 并 且 称`;

export const STOP_WORDS: ReadonlySet<string> = new Set(
  `${ENGLISH} ${CHINESE}`.split(/\s+/).filter((w) => w.length > 0),
);

/** True when `word` (lower-case) is a stop word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
