import type { FC } from "hono/jsx";

/** Email sign-up: one field; the answer never says whether the address was known. */
export const SignupForm: FC<{ error?: string | undefined }> = ({ error }) => (
  <section aria-labelledby="digest-signup">
    <h2 class="section-title" id="digest-signup">
      Get it by email
    </h2>
    <form class="search-form" method="post" action="/digest/subscribe">
      <label for="digest-email">Email address</label>
      <input
        id="digest-email"
        type="email"
        name="email"
        autocomplete="email"
        required
        maxlength={254}
        aria-describedby={error ? "digest-email-error" : "digest-email-hint"}
        aria-invalid={error ? "true" : undefined}
      />
      <button type="submit">Subscribe</button>
    </form>
    {error ? (
      <p id="digest-email-error">{error}</p>
    ) : (
      <p class="meta" id="digest-email-hint">
        We send a link to confirm. One click in any issue unsubscribes you.
      </p>
    )}
  </section>
);
