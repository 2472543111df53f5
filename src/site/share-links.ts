/** A share target that works as a plain link, no script and no third-party code. */
export interface ShareLink {
  network: string;
  label: string;
  href: string;
}

/** Plain share URLs with every parameter percent-encoded. */
export function shareLinks(url: string, title: string): ShareLink[] {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  const both = encodeURIComponent(`${title} ${url}`);
  return [
    { network: "x", label: "X", href: `https://x.com/intent/post?url=${u}&text=${t}` },
    {
      network: "facebook",
      label: "Facebook",
      href: `https://www.facebook.com/sharer/sharer.php?u=${u}`,
    },
    {
      network: "linkedin",
      label: "LinkedIn",
      href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}`,
    },
    {
      network: "reddit",
      label: "Reddit",
      href: `https://www.reddit.com/submit?url=${u}&title=${t}`,
    },
    { network: "whatsapp", label: "WhatsApp", href: `https://wa.me/?text=${both}` },
    { network: "telegram", label: "Telegram", href: `https://t.me/share/url?url=${u}&text=${t}` },
    {
      network: "weibo",
      label: "Weibo",
      href: `https://service.weibo.com/share/share.php?url=${u}&title=${t}`,
    },
    { network: "email", label: "Email", href: `mailto:?subject=${t}&body=${both}` },
  ];
}

/** Weibo's search page for a hashtag: the `#word#` form, percent-encoded. */
export function weiboSearchUrl(hashtag: string): string {
  const word = hashtag.replace(/^#+|#+$/g, "");
  return `https://s.weibo.com/weibo?q=${encodeURIComponent(`#${word}#`)}`;
}
