/** Row shapes as they were when this migration was written (migrations never import app code). */
interface OfficeHolder {
  person: string;
  office: string;
  body: string;
  since: string;
  until: string | null;
  sourceNote: string;
}
interface NameAlias {
  canonical: string;
  alias: string;
  language: "en" | "zh" | "pinyin";
}
interface NewsOutlet {
  name: string;
  domain: string;
  language: string;
  country: string;
}

/**
 * The starting reference data, written from public records and checked date by date. Offices
 * end on the day the successor takes office (`until` = successor's `since`). Editors keep it
 * current on /admin/reference; the migration seeds it once.
 */
export const SEED_OFFICE_HOLDERS: readonly OfficeHolder[] = [
  {
    person: "Donald Trump",
    office: "President",
    body: "United States",
    since: "2017-01-20",
    until: "2021-01-20",
    sourceNote: "45th president; inaugurated 20 January 2017",
  },
  {
    person: "Joe Biden",
    office: "President",
    body: "United States",
    since: "2021-01-20",
    until: "2025-01-20",
    sourceNote: "46th president; inaugurated 20 January 2021",
  },
  {
    person: "Donald Trump",
    office: "President",
    body: "United States",
    since: "2025-01-20",
    until: null,
    sourceNote: "47th president; inaugurated 20 January 2025",
  },
  {
    person: "Barack Obama",
    office: "President",
    body: "United States",
    since: "2009-01-20",
    until: "2017-01-20",
    sourceNote: "44th president",
  },
  {
    person: "Mike Pompeo",
    office: "Secretary of State",
    body: "United States",
    since: "2018-04-26",
    until: "2021-01-20",
    sourceNote: "sworn in 26 April 2018",
  },
  {
    person: "Marco Rubio",
    office: "Secretary of State",
    body: "United States",
    since: "2025-01-21",
    until: null,
    sourceNote: "confirmed and sworn in 21 January 2025",
  },
  {
    person: "Kim Jong Un",
    office: "Chairman of the State Affairs Commission",
    body: "North Korea",
    since: "2016-06-29",
    until: null,
    sourceNote:
      "elected when the commission was created, 29 June 2016 (title later rendered President of the State Affairs)",
  },
  {
    person: "Kim Jong Un",
    office: "General Secretary of the Workers' Party of Korea",
    body: "North Korea",
    since: "2021-01-10",
    until: null,
    sourceNote: "elected at the 8th Party Congress, 10 January 2021",
  },
  {
    person: "Moon Jae-in",
    office: "President",
    body: "South Korea",
    since: "2017-05-10",
    until: "2022-05-10",
    sourceNote: "took office the day after the 9 May 2017 election",
  },
  {
    person: "Yoon Suk Yeol",
    office: "President",
    body: "South Korea",
    since: "2022-05-10",
    until: "2025-04-04",
    sourceNote: "removed from office by the Constitutional Court on 4 April 2025",
  },
  {
    person: "Lee Jae-myung",
    office: "President",
    body: "South Korea",
    since: "2025-06-04",
    until: null,
    sourceNote: "sworn in 4 June 2025, the day after the election",
  },
  {
    person: "Xi Jinping",
    office: "President",
    body: "China",
    since: "2013-03-14",
    until: null,
    sourceNote: "elected by the National People's Congress, 14 March 2013",
  },
  {
    person: "Xi Jinping",
    office: "General Secretary of the Chinese Communist Party",
    body: "China",
    since: "2012-11-15",
    until: null,
    sourceNote: "elected at the first plenum of the 18th Central Committee, 15 November 2012",
  },
  {
    person: "Li Qiang",
    office: "Premier",
    body: "China",
    since: "2023-03-11",
    until: null,
    sourceNote: "approved by the National People's Congress, 11 March 2023",
  },
  {
    person: "Wang Yi",
    office: "Foreign Minister",
    body: "China",
    since: "2023-07-25",
    until: null,
    sourceNote: "reappointed 25 July 2023 (first term 2013-03-16 to 2022-12-30)",
  },
  {
    person: "Vladimir Putin",
    office: "President",
    body: "Russia",
    since: "2012-05-07",
    until: null,
    sourceNote: "third inauguration 7 May 2012 (also 2000-05-07 to 2008-05-07)",
  },
  {
    person: "Vyacheslav Volodin",
    office: "Chairman of the State Duma",
    body: "Russia",
    since: "2016-10-05",
    until: null,
    sourceNote: "elected 5 October 2016",
  },
  {
    person: "Fumio Kishida",
    office: "Prime Minister",
    body: "Japan",
    since: "2021-10-04",
    until: "2024-10-01",
    sourceNote: "",
  },
  {
    person: "Shigeru Ishiba",
    office: "Prime Minister",
    body: "Japan",
    since: "2024-10-01",
    until: "2025-10-21",
    sourceNote: "",
  },
  {
    person: "Sanae Takaichi",
    office: "Prime Minister",
    body: "Japan",
    since: "2025-10-21",
    until: null,
    sourceNote: "elected by the Diet 21 October 2025",
  },
  {
    person: "António Guterres",
    office: "Secretary-General",
    body: "United Nations",
    since: "2017-01-01",
    until: null,
    sourceNote: "",
  },
];

const alias = (
  canonical: string,
  aliasText: string,
  language: NameAlias["language"],
): NameAlias => ({
  canonical,
  alias: aliasText,
  language,
});

export const SEED_ALIASES: readonly NameAlias[] = [
  alias("Donald Trump", "特朗普", "zh"),
  alias("Donald Trump", "Telangpu", "pinyin"),
  alias("Donald Trump", "Donald J. Trump", "en"),
  alias("Kim Jong Un", "金正恩", "zh"),
  alias("Kim Jong Un", "Jin Zheng'en", "pinyin"),
  alias("Kim Jong Un", "Kim Jong-un", "en"),
  alias("Xi Jinping", "习近平", "zh"),
  alias("Lee Jae-myung", "李在明", "zh"),
  alias("Lee Jae-myung", "Li Zaiming", "pinyin"),
  alias("Lee Jae-myung", "Lee Jae Myung", "en"),
  alias("Moon Jae-in", "文在寅", "zh"),
  alias("Yoon Suk Yeol", "尹锡悦", "zh"),
  alias("Vladimir Putin", "普京", "zh"),
  alias("Li Qiang", "李强", "zh"),
  alias("Wang Yi", "王毅", "zh"),
  alias("Panmunjom", "Panmunjeom", "en"),
  alias("Panmunjom", "板门店", "zh"),
  alias("Gyeongju", "庆州", "zh"),
  alias("Pyongyang", "平壤", "zh"),
  alias("Hanoi", "河内", "zh"),
  alias("Singapore", "新加坡", "zh"),
  alias("Demilitarized Zone", "DMZ", "en"),
  alias("Demilitarized Zone", "非军事区", "zh"),
  alias("North Korea", "朝鲜", "zh"),
  alias("South Korea", "韩国", "zh"),
  alias("White House", "白宫", "zh"),
];

export const SEED_OUTLETS: readonly NewsOutlet[] = [
  { name: "Xinhua News Agency", domain: "news.cn", language: "zh", country: "China" },
  { name: "People's Daily", domain: "people.com.cn", language: "zh", country: "China" },
  { name: "CCTV", domain: "cctv.com", language: "zh", country: "China" },
  { name: "China Daily", domain: "chinadaily.com.cn", language: "en", country: "China" },
  { name: "Global Times", domain: "globaltimes.cn", language: "en", country: "China" },
  { name: "The Paper", domain: "thepaper.cn", language: "zh", country: "China" },
  { name: "Caixin", domain: "caixin.com", language: "zh", country: "China" },
  { name: "Weibo", domain: "weibo.com", language: "zh", country: "China" },
  { name: "Reuters", domain: "reuters.com", language: "en", country: "United Kingdom" },
  { name: "Associated Press", domain: "apnews.com", language: "en", country: "United States" },
  { name: "BBC News", domain: "bbc.com", language: "en", country: "United Kingdom" },
  { name: "Yonhap News Agency", domain: "yna.co.kr", language: "ko", country: "South Korea" },
  { name: "Korean Central News Agency", domain: "kcna.kp", language: "ko", country: "North Korea" },
  { name: "The White House", domain: "whitehouse.gov", language: "en", country: "United States" },
];
