/**
 * Feeds and article pages for research tests, written by us in the real formats (RSS 2.0
 * with `content:encoded`, Atom 1.0, HTML pages with meta tags, JSON-LD and page furniture).
 * The outlets are invented; the events follow the 2025-08-26 hot-search topic
 * #李在明说愿意与特朗普一起访华# (see test/fixtures/weibo/lxw-hourly).
 */
export function zhRss(origin: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>东方快讯·国际</title>
    <link>${origin}/zh/</link>
    <description>东方快讯国际频道</description>
    <language>zh-cn</language>
    <lastBuildDate>Tue, 26 Aug 2025 13:10:00 +0800</lastBuildDate>
    <item>
      <title>李在明称愿与特朗普一同访华</title>
      <link>${origin}/zh/lee-visit.html</link>
      <guid isPermaLink="false">dfkx-20250826-0412</guid>
      <pubDate>Tue, 26 Aug 2025 10:42:00 +0800</pubDate>
      <description><![CDATA[<p>韩国总统李在明25日在华盛顿表示，愿意与美国总统特朗普一起访华。</p>]]></description>
    </item>
    <item>
      <title>特朗普宣布对印度商品加征关税</title>
      <link>${origin}/zh/india-tariffs.html</link>
      <guid isPermaLink="false">dfkx-20250826-0398</guid>
      <pubDate>Tue, 26 Aug 2025 09:15:00 +0800</pubDate>
      <description><![CDATA[美国总统特朗普宣布，自27日起对印度输美商品额外加征25%关税。]]></description>
    </item>
    <item>
      <title>上海一星巴克门店店员遭顾客持续辱骂</title>
      <link>${origin}/zh/starbucks.html</link>
      <pubDate>Tue, 26 Aug 2025 08:03:00 +0800</pubDate>
      <description>8月24日，上海一家星巴克门店内，一名女子持续辱骂店员长达十余分钟。</description>
    </item>
  </channel>
</rss>`;
}

export function enAtom(origin: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Harbour Post — Asia</title>
  <id>tag:harbourpost.example,2025:asia</id>
  <updated>2025-08-26T05:20:00Z</updated>
  <link rel="self" href="${origin}/feeds/en-atom.xml"/>
  <entry>
    <title type="html">South Korea&#8217;s Lee Jae-myung says he would visit China with Trump</title>
    <link rel="alternate" type="text/html" href="/en/lee-china-trump"/>
    <id>tag:harbourpost.example,2025:asia/88120</id>
    <published>2025-08-26T02:30:00Z</published>
    <updated>2025-08-26T03:05:00Z</updated>
    <summary type="html">&lt;p&gt;South Korean President Lee Jae-myung said he was willing to visit China together with Trump.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Trump threatens new tariffs on India over oil purchases</title>
    <link href="${origin}/en/india-tariffs"/>
    <id>tag:harbourpost.example,2025:asia/88101</id>
    <updated>2025-08-25T22:00:00Z</updated>
    <summary>The US president said the additional duties would take effect on Wednesday.</summary>
  </entry>
  <entry>
    <title>China launches another batch of low-orbit internet satellites</title>
    <link href="${origin}/en/satellites"/>
    <id>tag:harbourpost.example,2025:asia/88095</id>
    <updated>2025-08-25T20:40:00Z</updated>
    <summary>A Long March rocket carried the tenth group of satellites into orbit.</summary>
  </entry>
</feed>`;
}

export const ZH_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>李在明称愿与特朗普一同访华_东方快讯</title>
  <meta name="publishdate" content="2025-08-26 10:42:00">
  <meta property="og:site_name" content="东方快讯">
  <script>window.dataLayer = [{ page: "article" }];</script>
</head>
<body>
  <div class="top-nav"><a href="/">首页</a> <a href="/zh/">国际</a> <a href="/finance">财经</a></div>
  <div class="ad-banner">广告：限时特惠，点击领取</div>
  <article>
    <h1>李在明称愿与特朗普一同访华</h1>
    <p>据韩联社报道，韩国总统李在明当地时间25日在华盛顿出席活动时表示，他愿意与美国总统特朗普一起访问中国。</p>
    <p>李在明当天与特朗普举行了会谈。他说，韩方希望在推动朝鲜半岛和平方面发挥作用。</p>
    <div class="share-bar">分享到：微博 微信</div>
  </article>
  <aside class="related">相关阅读：特朗普宣布对印度商品加征关税</aside>
  <footer>© 东方快讯 版权所有</footer>
</body>
</html>`;

export const EN_PAGE = `<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Lee says he would visit China with Trump | Harbour Post</title>
  <meta property="og:site_name" content="Harbour Post">
  <meta property="og:title" content="South Korea's Lee Jae-myung says he would visit China with Trump">
  <script type="application/ld+json">
  {"@context":"https://schema.org","@type":"NewsArticle","headline":"South Korea's Lee Jae-myung says he would visit China with Trump","datePublished":"2025-08-26T10:30:00+08:00","publisher":{"@type":"Organization","name":"Harbour Post"}}
  </script>
  <script src="/tracker.js"></script>
</head>
<body>
  <header><nav><a href="/">Home</a> <a href="/asia">Asia</a></nav></header>
  <main>
    <article>
      <h1>South Korea's Lee Jae-myung says he would visit China with Trump</h1>
      <p class="byline">By Harbour Post staff · <time datetime="2025-08-26T02:31:00Z">26 August 2025</time></p>
      <p>South Korean President Lee Jae-myung said on Monday in Washington that he was willing to visit China together with US President Donald Trump.</p>
      <p>Lee met Trump at the White House earlier in the day, his first visit to Washington since taking office in June.</p>
      <div class="advert">Advertisement — subscribe for 1 dollar a week</div>
    </article>
  </main>
  <aside class="sidebar">Most read: Trump threatens new tariffs on India</aside>
  <footer>Harbour Post Ltd</footer>
</body>
</html>`;
