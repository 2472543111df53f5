import { urls } from "../../web/urls.js";
import type { StoryRecord } from "../story-queries.js";

/** The API's story: the same fields the editor shows, plus where it lives. */
export function presentStory(story: StoryRecord, siteUrl: string) {
  return {
    id: story.articleId,
    slug: story.slug,
    status: story.status,
    revision: story.revision,
    publishedAt: story.publishedAt,
    updatedAt: story.updatedAt,
    url: urls.absolute(siteUrl, urls.article(story.slug)),
    ownerId: story.ownerId,
    assigneeId: story.assigneeId,
    topicId: story.topicId,
    content: story.content,
  };
}

export function errorBody(
  id: string,
  message: string,
  fields: { field: string; message: string }[] = [],
) {
  return { error: { id, message, fields } };
}
