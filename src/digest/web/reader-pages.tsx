import type { Child, FC } from "hono/jsx";
import { Layout } from "../../web/layout.js";
import type { SiteContext } from "../../web/site-context.js";
import { SignupForm } from "./signup-form.js";

/** A short page for a subscriber (sign-up answer, confirmation, unsubscribe): never indexed. */
export const ReaderPage: FC<{
  site: SiteContext;
  title: string;
  message: string;
  signup?: boolean;
  error?: string | undefined;
  children?: Child;
}> = (p) => (
  <Layout
    site={p.site}
    meta={{ title: p.title, description: p.message, path: p.site.path, noindex: true }}
  >
    <h1 class="page-title">{p.title}</h1>
    <p>{p.message}</p>
    {p.children}
    {p.signup ? <SignupForm error={p.error} /> : null}
    <p>
      <a href="/digest">All digest issues</a>
    </p>
  </Layout>
);

/** Unsubscribe asks for one button press: mail scanners follow links but do not post forms. */
export const UnsubscribePage: FC<{ site: SiteContext; action: string }> = ({ site, action }) => (
  <ReaderPage
    site={site}
    title="Unsubscribe"
    message="Press the button to stop receiving the digest at this address."
  >
    <form method="post" action={action}>
      <button class="button" type="submit">
        Unsubscribe
      </button>
    </form>
  </ReaderPage>
);

export const PreferencesPage: FC<{
  site: SiteContext;
  action: string;
  frequency: "daily" | "weekly";
  chosen: string[];
  categories: { slug: string; name: string }[];
  saved?: boolean;
}> = (p) => (
  <ReaderPage
    site={p.site}
    title="Digest preferences"
    message={
      p.saved
        ? "Saved. The next issue follows these choices."
        : "Choose how often and which stories."
    }
  >
    <form method="post" action={p.action}>
      <fieldset>
        <legend>How often</legend>
        <p>
          <input
            type="radio"
            id="freq-daily"
            name="frequency"
            value="daily"
            checked={p.frequency === "daily"}
          />{" "}
          <label for="freq-daily">Every morning</label>
        </p>
        <p>
          <input
            type="radio"
            id="freq-weekly"
            name="frequency"
            value="weekly"
            checked={p.frequency === "weekly"}
          />{" "}
          <label for="freq-weekly">Once a week</label>
        </p>
      </fieldset>
      <fieldset>
        <legend>Our stories from (none ticked: all)</legend>
        {p.categories.map((c) => (
          <p>
            <input
              type="checkbox"
              id={`cat-${c.slug}`}
              name="categories"
              value={c.slug}
              checked={p.chosen.includes(c.slug)}
            />{" "}
            <label for={`cat-${c.slug}`}>{c.name}</label>
          </p>
        ))}
      </fieldset>
      <button class="button" type="submit">
        Save preferences
      </button>
    </form>
  </ReaderPage>
);
