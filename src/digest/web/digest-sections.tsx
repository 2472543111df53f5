import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import { urls } from "../../web/urls.js";
import { noteParagraphs, periodWord, topicFacts, topicHeading } from "../digest-format.js";
import type { Digest, DigestTopic } from "../digest-model.js";
import { rankSparkSvg } from "../rank-spark-svg.js";

const TopicItem: FC<{ topic: DigestTopic; digest: Digest }> = ({ topic, digest }) => {
  const heading = topicHeading(topic);
  return (
    <li>
      <h3>
        <a href={urls.topic(topic.topicId)}>{heading}</a>
      </h3>
      {topic.titleEn ? (
        <p class="meta" lang="zh-CN">
          {topic.word}
          {topic.titleEnMachine ? " · English title machine-translated" : ""}
        </p>
      ) : null}
      <p>{topicFacts(topic, digest.window.timeZone)}</p>
      {raw(
        rankSparkSvg(
          topic.points,
          digest.window,
          `Rank of ${heading} through the ${periodWord(digest.window)}: peak ${topic.peakRank}`,
        ),
      )}
    </li>
  );
};

const TopicSection: FC<{ title: string; topics: DigestTopic[]; digest: Digest; empty: string }> = (
  p,
) => (
  <section>
    <h2 class="section-title">{p.title}</h2>
    {p.topics.length === 0 ? (
      <p>{p.empty}</p>
    ) : (
      <ol class="story-list">
        {p.topics.map((topic) => (
          <TopicItem topic={topic} digest={p.digest} />
        ))}
      </ol>
    )}
  </section>
);

/** The editor's note: plain text, paragraphs split at blank lines (escaped by JSX). */
export const NoteParagraphs: FC<{ note: string }> = ({ note }) => (
  <>
    {noteParagraphs(note).map((p) => (
      <p>{p}</p>
    ))}
  </>
);

/** The body of an issue as the web version and the feed show it. */
export const DigestSections: FC<{ digest: Digest }> = ({ digest }) => (
  <>
    {digest.note.trim() ? (
      <section class="dek">
        <h2 class="visually-hidden">Editor's note</h2>
        <NoteParagraphs note={digest.note} />
      </section>
    ) : null}
    <TopicSection
      title="Top of the list"
      topics={digest.topByPeak}
      digest={digest}
      empty={`No hot-search captures were stored for this ${periodWord(digest.window)}.`}
    />
    <TopicSection
      title="Longest on the list"
      topics={digest.topByTime}
      digest={digest}
      empty="No topic stayed through two captures."
    />
    <TopicSection
      title="Fastest risers"
      topics={digest.risers}
      digest={digest}
      empty="No topic climbed between captures."
    />
    <TopicSection
      title="New 爆 (explosive) topics"
      topics={digest.booms}
      digest={digest}
      empty="No topic was labelled 爆 for the first time."
    />
    <section>
      <h2 class="section-title">What we published</h2>
      {digest.articles.length === 0 ? (
        <p>We published no stories this {periodWord(digest.window)}.</p>
      ) : (
        <ul class="story-list">
          {digest.articles.map((a) => (
            <li>
              <h3>
                <a href={urls.article(a.slug)}>{a.headline}</a>
              </h3>
              <p class="meta">{a.categoryName}</p>
              {a.dek ? <p>{a.dek}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
    <p class="meta">
      Every number is read from the {digest.snapshotCount} hot-search{" "}
      {digest.snapshotCount === 1 ? "capture" : "captures"} we stored; adverts and pinned rows are
      left out. Times are {digest.window.timeZone}.
    </p>
  </>
);
