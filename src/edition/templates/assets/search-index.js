// The search index as the build left it (edition/build/search_delta.py): the base,
// in one bundle or several shards, and after quick rebuilds a small delta of the
// pages re-made since. search-index.json at the site root names them and lists the
// base's hits that the delta replaces ("stale"); those are dropped from results.
// One export: openIndex(root, options) -> { search(query, opts), filters(), mergeIndex() }.

export async function openIndex(root, options) {
  const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  await pagefind.options({ ...options, basePath: new URL("pagefind/", root).pathname });
  let manifest = { indexes: ["pagefind/"], delta: null, stale: [] };
  try {
    const response = await fetch(new URL("search-index.json", root));
    if (response.ok) manifest = await response.json();
  } catch {
    // An older site, or one read from disk: the base alone.
  }
  const extra = (manifest.indexes || []).filter((path) => path !== "pagefind/");
  if (manifest.delta) extra.push(manifest.delta);
  for (const path of extra) {
    await pagefind.mergeIndex(new URL(path, root).pathname, { baseUrl: options.baseUrl });
  }
  // Base ids of the pages the delta holds anew; a hit with one of them is dropped when
  // it is that page, unless the delta has the same id (the page did not change: kept once).
  const staleUrls = new Map();
  for (const [, id, url] of manifest.stale || []) {
    if (!staleUrls.has(id)) staleUrls.set(id, new Set());
    staleUrls.get(id).add(url);
  }
  const deltaIds = new Set(manifest.delta_ids || []);

  async function search(query, opts) {
    const result = await pagefind.search(query, opts);
    if (!staleUrls.size) return result;
    const kept = [];
    const once = new Set();
    for (const hit of result.results) {
      const urls = staleUrls.get(hit.id);
      if (urls) {
        const data = await hit.data();
        if (urls.has(data.raw_url || data.url)) {
          if (!deltaIds.has(hit.id) || once.has(hit.id)) continue;
          once.add(hit.id);
        }
      }
      kept.push(hit);
    }
    return { ...result, results: kept };
  }

  const mergeIndex = (path, opts) => pagefind.mergeIndex(path, opts);
  return { search, filters: () => pagefind.filters(), mergeIndex };
}
