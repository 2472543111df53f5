import type { ChatReply, RecordedChatRequest } from "../../llm/testing/chat-replay-server.js";
import { recordedAnswer } from "../../llm/testing/chat-shapes.js";

/**
 * Answers for the chat replay server that a well-behaved model would give each drafting
 * stage, derived from the prompt it was sent: facts quote the sources' first sentences,
 * sections and lead cite exactly the numbers printed beside their facts. The answers are
 * recorded chat-completions shapes (`openai`), so the real provider parses them.
 */
export function draftReply(request: RecordedChatRequest): ChatReply {
  const name = stageName(request);
  const user = request.body.messages?.find((m) => m.role === "user")?.content ?? "";
  const value = answerFor(name, user);
  const content = JSON.stringify(value);
  return recordedAnswer("openai", content, {
    usage: { prompt: Math.ceil(user.length / 4), completion: Math.ceil(content.length / 4) },
  });
}

/** The schema name (json_schema), or the stage recognised from the system prompt (json_object). */
export function stageName(request: RecordedChatRequest): string {
  const named = request.body.response_format?.json_schema?.name;
  if (named) return named;
  const system = request.body.messages?.find((m) => m.role === "system")?.content ?? "";
  if (system.startsWith("You translate")) return "translation";
  if (system.startsWith("You extract")) return "facts";
  if (system.startsWith("You plan")) return "outline";
  if (system.startsWith("You write one section")) return "section";
  return "lead";
}

function sourceTexts(user: string): { id: number; text: string }[] {
  const out: { id: number; text: string }[] = [];
  const blocks = user.split(/\n(?=\[source \d+\])/);
  for (const block of blocks) {
    const head = /^\[source (\d+)\][^\n]*\nTitle:[^\n]*\n([\s\S]*)$/.exec(block.trim());
    if (head) out.push({ id: Number(head[1]), text: (head[2] ?? "").split(/\n\n/)[0] ?? "" });
  }
  return out;
}

const firstSentences = (text: string, n: number) =>
  (text.match(/[^.。!?！？]+[.。!?！？]/g) ?? [text]).slice(0, n).map((s) => s.trim());

function factLinesOf(user: string): { text: string; citations: number[] }[] {
  return [...user.matchAll(/^- (.+?) ((?:\[\d+\])+)$/gm)].map((m) => ({
    text: m[1] ?? "",
    citations: [...(m[2] ?? "").matchAll(/\d+/g)].map((d) => Number(d[0])),
  }));
}

function answerFor(name: string, user: string): unknown {
  switch (name) {
    case "translation":
      return {
        hashtagEn: `Trending: ${/Trending hashtag on Weibo: (.+)/.exec(user)?.[1] ?? "topic"}`,
        passages: sourceTexts(user).map((s) => ({
          sourceId: s.id,
          original: firstSentences(s.text, 1)[0] ?? s.text,
          english: `English rendering of source ${s.id}'s first sentence.`,
        })),
      };
    case "facts":
      return {
        facts: sourceTexts(user).flatMap((s) =>
          firstSentences(s.text, 3).map((text) => ({ text, sourceIds: [s.id] })),
        ),
      };
    case "outline": {
      const ids = [...user.matchAll(/^(\d+): /gm)].map((m) => Number(m[1]));
      const plan = /Plan (\d+)/.exec(user);
      const count = Math.max(1, Math.min(Number(plan?.[1] ?? 3), ids.length));
      const sections = Array.from({ length: count }, (_, i) => ({
        heading: ["What happened", "The background", "What comes next", "Reaction"][i] ?? "More",
        factIds: ids.filter((_, j) => j % count === i),
      }));
      return {
        headline: "Drafted headline from the sourced facts",
        dek: "A dek that adds one sentence of context.",
        dateline: "Beijing",
        sections,
      };
    }
    case "section":
      return {
        paragraphs: [
          { sentences: factLinesOf(user).map((f) => ({ text: f.text, citations: f.citations })) },
        ],
      };
    default:
      return {
        sentences: factLinesOf(user)
          .slice(0, 2)
          .map((f) => ({ text: f.text, citations: f.citations })),
      };
  }
}
