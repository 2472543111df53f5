import type { FC } from "hono/jsx";
import type { PageCacheStats } from "./page-cache.js";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Operator view of this process's page cache (each web process keeps its own). */
export const PageCacheTable: FC<{ stats: PageCacheStats | undefined }> = ({ stats }) => {
  if (!stats) return <p>The page cache is off (PAGE_CACHE_MAX_MB=0).</p>;
  const lookups = stats.hits + stats.misses;
  const rows: [string, string][] = [
    ["Pages stored", String(stats.entries)],
    ["Memory", `${mb(stats.bytes)} of ${mb(stats.maxBytes)}`],
    ["Hits", String(stats.hits)],
    ["Renders (misses)", String(stats.misses)],
    ["Hit rate", lookups === 0 ? "–" : `${((100 * stats.hits) / lookups).toFixed(1)} %`],
    ["Evicted (memory bound)", String(stats.evictions)],
    ["Invalidations", String(stats.invalidations)],
    ["Renders dropped (overtaken by a change)", String(stats.discarded)],
  ];
  return (
    <table class="trend-table">
      <caption>Page cache of this process</caption>
      <tbody>
        {rows.map(([label, value]) => (
          <tr>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};
