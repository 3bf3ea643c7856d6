// Archival references typed as printed (`F 3, inv. 14, f. 463`, `d. 463`, `оп. 30`):
// read with the registry's labels (the search page's `data-citation-terms`, from
// edition/site/search_markup.py: citation_terms) and matched against the rows of
// /archives/citations.json. Pure functions; templates/assets/search.js shows them.

// The query as a reference: [{level: number}, ...] for every reading of its labels
// in hierarchy order (`f.` may be a fond or a delo), and the archive named, if any.
export function parseCitation(query, TERMS) {
  let text = query.trim().toLowerCase();
  let archive = "";
  const names = Object.keys(TERMS.archives).sort((a, b) => b.length - a.length);
  for (const name of names) {
    if (text.startsWith(name) && !/\p{L}/u.test(text.charAt(name.length))) {
      archive = TERMS.archives[name];
      text = text.slice(name.length);
      break;
    }
  }
  const pairs = [];
  const pair = /([\p{L}]+)\.?\s*(\d+[\p{L}]?(?:\s*[–-]\s*\d+)?)/uy;
  text = text.replace(/^[\s,;:.]+/u, "");
  while (text) {
    pair.lastIndex = 0;
    const found = pair.exec(text);
    if (!found || !TERMS.labels[found[1]]) return null;
    pairs.push({ label: found[1], number: found[2].replace(/\s+/gu, "") });
    text = text.slice(found[0].length).replace(/^[\s,;:.]+/u, "");
  }
  if (!pairs.length) return null;
  const readings = [];
  const walk = (i, after, reading) => {
    if (i === pairs.length) return readings.push(reading);
    for (const level of TERMS.labels[pairs[i].label]) {
      const at = TERMS.levels.indexOf(level);
      if (at > after) walk(i + 1, at, { ...reading, [level]: pairs[i].number });
    }
  };
  walk(0, -1, {});
  return readings.length ? { archive, readings } : null;
}

function sheetMatches(sheets, number) {
  const n = parseInt(number, 10);
  return (sheets || []).some((sheet) => {
    const [a, b] = sheet.split(/[–-]/u).map((x) => parseInt(x, 10));
    return sheet === number || (a <= n && n <= (Number.isNaN(b) ? a : b));
  });
}

export function rowMatches(row, parsed) {
  if (parsed.archive && row.archive_slug !== parsed.archive) return false;
  return parsed.readings.some((reading) =>
    Object.entries(reading).every(([level, number]) =>
      level === "list" ? sheetMatches(row.sheets, number) : row.levels && row.levels[level] === number));
}

export function fileTitle(row) {
  const levels = Object.entries(row.levels || {}).map(([level, number]) => `${level} ${number}`);
  return [row.archive, ...levels].join(", ");
}
