import { readFileSync } from "node:fs";

export const ADMIN_CSS_PATH = "/admin/assets/newsroom.css";
export const ADMIN_JS_PATH = "/admin/assets/newsroom.js";

const read = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8");

/** Served from memory; both files sit beside this module, no build step. */
export const ADMIN_ASSETS = [
  { path: ADMIN_CSS_PATH, type: "text/css; charset=utf-8", body: read("newsroom.css") },
  { path: ADMIN_JS_PATH, type: "text/javascript; charset=utf-8", body: read("newsroom.js") },
];
