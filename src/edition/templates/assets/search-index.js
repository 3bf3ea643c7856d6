// The search index as the build left it (edition/build/search_delta.py): the base,
// in one bundle or several shards, and after quick rebuilds a small delta of the
// pages re-made since. search-index.json at the site root names them and lists the
// base's hits that the delta replaces ("stale"); those are dropped from results.
// One export: openIndex(root, options) -> { search(query, opts), filters() }.
//
// Languages: each bundle holds one index per page language (<html lang>), stemmed
// by that language's rules, which live in Pagefind's per-language WebAssembly
// (wasm.ru.pagefind). One copy of pagefind.js runs one WebAssembly module, and
// mergeIndex searches a merged index with it: a Russian index merged into the
// English search page would be searched with English rules ("заседание" would not
// find "заседаниях"). So each language's rules get a copy of pagefind.js of their
// own (the same file imported under another #fragment is another module), holding
// every index of that language from every bundle; a query runs in all of them and
// their hits are ranked together by score, as mergeIndex ranks them. An edition in
// one language loads one copy, as before.

export async function openIndex(root, options) {
  let manifest = { indexes: ["pagefind/"], delta: null, stale: [] };
  try {
    const response = await fetch(new URL("search-index.json", root));
    if (response.ok) manifest = await response.json();
  } catch {
    // An older site, or one read from disk: the base alone.
  }
  const bundles = [...(manifest.indexes || ["pagefind/"])];
  if (manifest.delta) bundles.push(manifest.delta);
  const engines = await openEngines(root, options, await indexesOf(root, bundles));

  // Base ids of the pages the delta holds anew; a hit with one of them is dropped when
  // it is that page, unless the delta has the same id (the page did not change: kept once).
  const staleUrls = new Map();
  for (const [, id, url] of manifest.stale || []) {
    if (!staleUrls.has(id)) staleUrls.set(id, new Set());
    staleUrls.get(id).add(url);
  }
  const deltaIds = new Set(manifest.delta_ids || []);

  async function search(query, opts) {
    const found = await Promise.all(engines.map((engine) => engine.search(query, opts)));
    const results = found.flatMap((one) => one.results).sort((a, b) => b.score - a.score);
    if (!staleUrls.size) return { results };
    const kept = [];
    const once = new Set();
    for (const hit of results) {
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
    return { results: kept };
  }

  async function filters() {
    const merged = {};
    for (const one of await Promise.all(engines.map((engine) => engine.filters()))) {
      for (const [name, values] of Object.entries(one)) {
        merged[name] = merged[name] || {};
        for (const [value, count] of Object.entries(values)) {
          merged[name][value] = (merged[name][value] || 0) + count;
        }
      }
    }
    return merged;
  }

  return { search, filters };
}

// Every index of every bundle: { bundle, language, rules } (rules: its WebAssembly's
// name), the search page's own language first, as Pagefind would choose it (the
// page's language, its prefix, else the language with most pages).
async function indexesOf(root, bundles) {
  const lang = (document.documentElement.lang || "unknown").toLowerCase();
  const indexes = [];
  for (const bundle of bundles) {
    let languages = null;
    try {
      const response = await fetch(new URL(`${bundle}pagefind-entry.json`, root));
      if (response.ok) languages = (await response.json()).languages;
    } catch {
      // Unreadable: Pagefind reports it when it opens the bundle.
    }
    if (!languages || !Object.keys(languages).length) {
      indexes.push({ bundle, language: lang, rules: "" }); // Pagefind's own choice
      continue;
    }
    for (const [language, index] of Object.entries(languages)) {
      indexes.push({ bundle, language, rules: index.wasm || "unknown", pages: index.page_count || 0 });
    }
  }
  const base = indexes.filter((index) => index.bundle === bundles[0]);
  const own = base.find((index) => index.language === lang)
    || base.find((index) => index.language === lang.split("-")[0])
    || [...base].sort((a, b) => b.pages - a.pages)[0];
  return own ? [own, ...indexes.filter((index) => index !== own)] : indexes;
}

// One copy of pagefind.js per language's rules, opened side by side; its first index
// opens it, the others of the same rules are merged into it.
function openEngines(root, options, indexes) {
  const byRules = new Map();
  for (const index of indexes) {
    const rules = index.rules || (indexes[0] && indexes[0].rules) || "";
    if (!byRules.has(rules)) byRules.set(rules, []);
    byRules.get(rules).push(index);
  }
  return Promise.all([...byRules].map(async ([rules, group], n) => {
    const url = new URL(`pagefind/pagefind.js${n ? `#${encodeURIComponent(rules)}` : ""}`, root);
    const engine = await import(url.href);
    const [opening, ...merged] = group;
    await engine.options({ ...options, basePath: new URL(opening.bundle, root).pathname });
    startIn(engine, opening.language);
    for (const index of merged) {
      // By full URL: Pagefind skips merging a path its own starts with.
      await engine.mergeIndex(new URL(index.bundle, root).href, { language: index.language, baseUrl: options.baseUrl });
    }
    return engine;
  }));
}

// Pagefind takes an instance's language from <html lang> as it starts, and has no
// option for it: the attribute is set for that one synchronous call, then put back.
function startIn(engine, language) {
  const html = document.documentElement;
  const own = html.getAttribute("lang");
  html.setAttribute("lang", language);
  try {
    engine.init();
  } finally {
    if (own === null) html.removeAttribute("lang");
    else html.setAttribute("lang", own);
  }
}
