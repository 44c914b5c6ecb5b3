/* Handbook search: Pagefind over Chinese character bigrams, simplified and traditional alike.
 *
 * The index (generator/site/text.py) holds, for every Han character, a token pairing it with the next
 * character of its run ("hz" + 4 letters + 4 letters; "zzzz" ends a run). A query is normalised the
 * same way (NFKC, lower case, t2s from assets/handbook/t2s.json), each term becomes its bigram
 * tokens, Pagefind returns the pages holding all of them with the position of every hit, and a page
 * is kept only where the hits of a term stand next to each other — where the whole term is written.
 * Terms that repeat a character or mix Han with other words are checked against the page's tokens.
 * Keep normalise() and tokens() in step with text.py: tests/site/test_search_text.py compares them.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const BASE = new URL("../../", script ? script.src : location.href); // assets/handbook/ → site root
  const PREFIX = "hz";
  const END = "zzzz";
  const LETTERS = 4;
  const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{323af}";
  const HAN_RUN = new RegExp(`[${HAN}]+`, "gu");
  const SPACE_BETWEEN_HAN = new RegExp(`(?<=[${HAN}])\\s+(?=[${HAN}])`, "gu");
  const WORD = /[\p{L}\p{N}]+/gu;
  const HAN_START = new RegExp(`^[${HAN}]`, "u");
  const PAGE_SIZE = 20;
  const FILTERS = ["kind", "type", "year", "tag"];

  let table = {};
  let pagefind = null;

  function normalise(text) {
    let out = "";
    for (const ch of text.normalize("NFKC").toLowerCase()) out += table[ch] || ch;
    return out.replace(SPACE_BETWEEN_HAN, "");
  }

  function spell(ch) {
    let n = ch.codePointAt(0);
    const letters = [];
    for (let i = 0; i < LETTERS; i++) {
      letters.push(String.fromCharCode(97 + (n % 26)));
      n = Math.floor(n / 26);
    }
    return letters.reverse().join("");
  }

  function unspell(letters) {
    let n = 0;
    for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 97);
    return String.fromCodePoint(n);
  }

  /* Split normalised text into pieces: {han: "台风"} for a run of Han characters, {word: "gb"} otherwise. */
  function pieces(text) {
    const found = [];
    let position = 0;
    for (const match of text.matchAll(HAN_RUN)) {
      for (const w of text.slice(position, match.index).match(WORD) || []) found.push({ word: w });
      found.push({ han: match[0] });
      position = match.index + match[0].length;
    }
    for (const w of text.slice(position).match(WORD) || []) found.push({ word: w });
    return found;
  }

  /* Index tokens of normalised text, exactly as text.py's tokens() writes them. */
  function tokens(text) {
    const out = [];
    for (const piece of pieces(text)) {
      if (piece.word) { out.push(piece.word); continue; }
      const spelled = [...piece.han].map(spell).concat([END]);
      for (let i = 0; i + 1 < spelled.length; i++) out.push(PREFIX + spelled[i] + spelled[i + 1]);
    }
    return out;
  }

  /* One query term: what to ask Pagefind, and how to confirm a page really contains it. */
  function prepareTerm(term) {
    const parts = pieces(term);
    const ask = [];
    for (const piece of parts) {
      if (piece.word) { ask.push(piece.word); continue; }
      const chars = [...piece.han];
      if (chars.length === 1) ask.push(PREFIX + spell(chars[0])); // prefix: any pair starting here
      for (let i = 0; i + 1 < chars.length; i++) ask.push(PREFIX + spell(chars[i]) + spell(chars[i + 1]));
    }
    const single = parts.length === 1 && parts[0].han;
    const chars = single ? [...parts[0].han] : [];
    return {
      term,
      ask: ask.join(" "),
      // A pure Han term of distinct characters is confirmed by positions alone: n-1 hits in a row.
      chain: single && new Set(chars).size === chars.length ? Math.max(1, chars.length - 1) : 0,
      canonical: parts.map((p) => p.han || p.word).join(" "),
    };
  }

  function hasChain(locations, length) {
    if (length <= 1) return locations.length > 0;
    const set = new Set(locations);
    for (const start of set) {
      let run = 1;
      while (run < length && set.has(start + run)) run++;
      if (run === length) return true;
    }
    return false;
  }

  /* Turn a fragment's tokens back into canonical text: Han runs whole, other words apart. */
  function decode(content) {
    const out = [];
    let run = "";
    for (const token of content.split(/[\s\u200b]+/)) {
      if (!token) continue;
      if (token.length === PREFIX.length + 2 * LETTERS && token.startsWith(PREFIX)) {
        run += unspell(token.slice(2, 2 + LETTERS));
        if (token.endsWith(END)) { out.push(run); run = ""; }
      } else {
        if (run) { out.push(run); run = ""; }
        out.push(token);
      }
    }
    if (run) out.push(run);
    return out;
  }

  const fragments = new Map();
  async function fragment(result) {
    if (!fragments.has(result.id)) fragments.set(result.id, result.data());
    return fragments.get(result.id);
  }

  function filterSpec(filters) {
    const spec = {};
    for (const [key, value] of Object.entries(filters || {})) if (value) spec[key] = value;
    return spec;
  }

  /* Every page that contains every term of the query (after normalisation), best first. */
  async function find(query, filters) {
    await ready;
    const terms = [...new Set(normalise(query).split(/\s+/).filter(Boolean))].map(prepareTerm).filter((t) => t.ask);
    const spec = filterSpec(filters);
    if (!terms.length) {
      if (!Object.keys(spec).length) return [];
      const listed = await pagefind.search(null, { filters: spec, sort: { date: "desc" } });
      return listed.results.map((r) => ({ result: r, locations: [], score: 0 }));
    }
    let kept = null;
    for (const term of terms) {
      const found = await pagefind.search(term.ask, { filters: spec });
      let candidates = found.results.filter((r) => !kept || kept.has(r.id));
      if (term.chain) {
        candidates = candidates.filter((r) => hasChain(r.words, term.chain));
      } else {
        const contains = await Promise.all(
          candidates.map(async (r) => decode((await fragment(r)).content).join(" ").includes(term.canonical)),
        );
        candidates = candidates.filter((_, i) => contains[i]);
      }
      const next = new Map();
      for (const result of candidates) {
        const before = kept ? kept.get(result.id) : null;
        next.set(result.id, {
          result,
          locations: before ? before.locations : result.words,
          score: (before ? before.score : 0) + result.score,
        });
      }
      kept = next;
    }
    return [...kept.values()].sort((a, b) => b.score - a.score);
  }

  /* A few dozen tokens around the first hit, read back as text: Han runs and numbers joined as written. */
  function snippet(content, locations) {
    const tokensList = content.split(/[\s\u200b]+/).filter(Boolean);
    const first = locations.length ? Math.min(...locations) : 0;
    const from = Math.max(0, first - 18);
    const parts = decode(tokensList.slice(from, first + 42).join(" "));
    let text = "";
    for (let i = 0; i < parts.length; i++) {
      const here = parts[i];
      const before = parts[i - 1];
      const wordsBothSides = before && !HAN_START.test(before) && !HAN_START.test(here);
      const runsBothSides = before && HAN_START.test(before) && HAN_START.test(here);
      text += i === 0 ? here : (wordsBothSides || runsBothSides ? " " : "") + here;
    }
    return (from > 0 ? "…" : "") + text + "…";
  }

  /* ---------------------------------------------------------------- the page */
  const root = document.getElementById("hb-search");
  const input = document.getElementById("hb-search-input");
  const statusLine = root && root.querySelector(".hb-search__status");
  const list = root && root.querySelector(".hb-search__results");
  const more = root && root.querySelector(".hb-search__more");
  const selects = root ? Object.fromEntries(FILTERS.map((f) => [f, root.querySelector(`select[data-filter="${f}"]`)])) : {};
  let current = [];
  let currentTerms = [];
  let shown = 0;
  let generation = 0;

  function currentFilters() {
    const filters = {};
    for (const f of FILTERS) if (selects[f] && selects[f].value) filters[f] = selects[f].value;
    return filters;
  }

  function saveState(query, filters) {
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    for (const [key, value] of Object.entries(filters)) params.set(key, value);
    const search = params.toString();
    history.replaceState(null, "", search ? `?${search}` : location.pathname);
  }

  /* Write text into element, wrapping each occurrence of a term in <mark> (text nodes only, never HTML). */
  function highlight(element, text, terms) {
    const wanted = terms.filter(Boolean).sort((a, b) => b.length - a.length);
    let position = 0;
    while (position < text.length) {
      let best = -1;
      let length = 0;
      for (const term of wanted) {
        const at = text.indexOf(term, position);
        if (at !== -1 && (best === -1 || at < best)) { best = at; length = term.length; }
      }
      if (best === -1) break;
      element.append(document.createTextNode(text.slice(position, best)));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(best, best + length);
      element.append(mark);
      position = best + length;
    }
    element.append(document.createTextNode(text.slice(position)));
  }

  async function showMore() {
    const mine = generation;
    const slice = current.slice(shown, shown + PAGE_SIZE);
    shown += slice.length;
    for (const hit of slice) {
      const data = await fragment(hit.result);
      if (mine !== generation) return;
      const item = document.createElement("li");
      item.className = "hb-result";
      const link = document.createElement("a");
      link.className = "hb-result__title";
      link.href = data.url;
      link.textContent = data.meta.title || data.url;
      const meta = document.createElement("div");
      meta.className = "hb-result__meta";
      meta.textContent = [data.meta.kind, data.meta.type, data.meta.date].filter(Boolean).join(" · ");
      const text = document.createElement("p");
      text.className = "hb-result__snippet";
      highlight(text, snippet(data.content, hit.locations), currentTerms);
      item.append(link, meta, text);
      list.append(item);
    }
    more.hidden = shown >= current.length;
  }

  async function run() {
    const mine = ++generation;
    const query = input.value.trim();
    const filters = currentFilters();
    saveState(query, filters);
    if (!query && !Object.keys(filters).length) {
      statusLine.textContent = "输入词语开始检索，或选择种类、类型、年份、标签浏览。";
      list.replaceChildren();
      more.hidden = true;
      return;
    }
    statusLine.textContent = "正在检索…";
    const found = await find(query, filters);
    if (mine !== generation) return;
    current = found;
    currentTerms = normalise(query).split(/\s+/).filter(Boolean).map((t) => prepareTerm(t).canonical);
    shown = 0;
    list.replaceChildren();
    statusLine.textContent = found.length
      ? `找到 ${found.length} 条${query ? `包含“${query}”的` : ""}记录`
      : `没有找到${query ? `包含“${query}”的` : "符合条件的"}记录`;
    await showMore();
  }

  async function fillFilters() {
    const counts = await pagefind.filters();
    const params = new URLSearchParams(location.search);
    for (const f of FILTERS) {
      const select = selects[f];
      if (!select) continue;
      const values = Object.keys(counts[f] || {});
      values.sort((a, b) => (f === "year" ? b.localeCompare(a) : counts[f][b] - counts[f][a] || a.localeCompare(b, "zh")));
      for (const value of values) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = `${value}（${counts[f][value]}）`;
        select.append(option);
      }
      if (params.get(f)) select.value = params.get(f);
      select.closest("label").hidden = values.length === 0;
    }
  }

  const ready = (async () => {
    const [module, response] = await Promise.all([
      import(new URL("pagefind/pagefind.js", BASE).href),
      fetch(new URL("assets/handbook/t2s.json", BASE)),
    ]);
    table = await response.json();
    pagefind = module;
    await pagefind.options({ baseUrl: BASE.pathname });
    await pagefind.init();
  })();

  window.handbookSearch = {
    ready,
    normalise: async (text) => { await ready; return normalise(text); },
    tokens: async (text) => { await ready; return tokens(normalise(text)); },
    /* URLs (relative to the site root) of every record found: the same code the page uses, for tests. */
    urls: async (query, filters) => {
      const found = await find(query, filters);
      const data = await Promise.all(found.map((hit) => fragment(hit.result)));
      return data.map((d) => d.url.slice(BASE.pathname.length));
    },
  };

  if (!root) return;
  /* Every search starts here: a failure is shown on the page, never left as an unhandled rejection. */
  function search() {
    return run().catch((error) => {
      statusLine.textContent = "检索出错，请刷新页面后重试。";
      console.error(error);
    });
  }
  let timer = null;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 250); });
  input.form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); search(); });
  for (const f of FILTERS) if (selects[f]) selects[f].addEventListener("change", search);
  more.addEventListener("click", () => showMore().catch((error) => console.error(error)));
  // On this page the header's search box searches here, without a reload.
  const header = document.querySelector(".hb-header-search");
  if (header) header.addEventListener("submit", (event) => {
    event.preventDefault();
    input.value = header.elements.q.value;
    search();
  });
  ready.then(async () => {
    await fillFilters();
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    await search();
  }).catch((error) => {
    statusLine.textContent = "检索暂时不可用：请通过网址（http://）打开本手册，而不是直接打开文件。";
    console.error(error);
  });
})();
