/* Handbook search: Pagefind over Chinese character bigrams, simplified and traditional alike.
 *
 * The rule is the command line's (generator/search/text.py): a record is found when its normalised
 * text holds every whitespace-separated word of the query. The browser does not normalise on its
 * own: assets/handbook/t2s.json, written from text.py, gives the fold of every character that can
 * matter for this site (NFKC, lower case, 繁→简), and the character classes for Han and whitespace.
 *
 * The index (generator/site/text.py) holds, for every Han character, a token pairing it with the next
 * character of its run ("hz" + 4 letters + 4 letters; "zzzz" ends a run) and every other word, in
 * order; then each Han character alone ("hy" + 4 letters) and every stretch of every other word, once
 * each. A query word becomes those tokens; Pagefind returns the pages holding all of them
 * with the position of every hit, and a page is kept only where the word itself is written: a Han word
 * of distinct characters by its bigrams standing in a row, any other word by looking in the record's
 * normalised text, which each record carries with its own words for the snippet.
 * Keep this file in step with text.py: tests/site/test_search_text.py compares them.
 * The index comes in batches (generator/site/browser_search.py), listed in pagefind/handbook-batches.json:
 * the first batch's pagefind.js is loaded and every other batch merged into it (mergeIndex), so one
 * search asks them all; a list without words is each batch's newest first, merged by date.
 * Opened from disk (file://) the browser will not let the page read the index: the page says so.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const BASE = new URL("../../", script ? script.src : location.href); // assets/handbook/ → site root
  const FROM_DISK = location.protocol === "file:";
  const PREFIX = "hz";
  const CHARACTER_PREFIX = "hy";
  const END = "zzzz";
  const LETTERS = 4;
  const WORD = /[\p{L}\p{N}]+/gu;
  const PAGE_SIZE = 20;
  const FILTERS = ["kind", "type", "year", "tag"];
  const WIDTH = 72; // characters of a snippet, as the command line shows
  const CLAUSE_ENDS = "。；！？，";
  const GROUP_ORDER = { title: 2, key: 0, body: 1 };

  /* ---------------------------------------------------------------- text rules (text.py) */
  let rules = { fold: {}, han: "\\u4e00-\\u9fff", space: "\\s" };
  let HAN_RUN, HAN_CHAR, SPACE_CHAR, SPACE_RUN, SPACE_BETWEEN_HAN;

  function useRules(loaded) {
    rules = loaded;
    HAN_RUN = new RegExp(`[${rules.han}]+`, "gu");
    HAN_CHAR = new RegExp(`^[${rules.han}]$`, "u");
    SPACE_CHAR = new RegExp(`^[${rules.space}]$`, "u");
    SPACE_RUN = new RegExp(`[${rules.space}]+`, "gu");
    SPACE_BETWEEN_HAN = new RegExp(`(?<=[${rules.han}]) (?=[${rules.han}])`, "gu");
  }

  function fold(text) {
    let out = "";
    for (const ch of text) out += rules.fold[ch] ?? ch;
    return out;
  }

  function normalise(text) {
    return fold(text).replace(SPACE_RUN, " ").replace(SPACE_BETWEEN_HAN, "").replace(/^ +| +$/g, "");
  }

  /* normalise(text) and, for each of its characters, the character of text it comes from (counted in
   * characters, not code units): text.py's normalise_aligned, so a hit is marked on the record's own text. */
  function normaliseAligned(text) {
    const chars = [];
    const origins = [];
    let pending = -1; // the first whitespace character since the last one kept
    let index = 0;
    for (const char of text) {
      for (const folded of rules.fold[char] ?? char) {
        if (SPACE_CHAR.test(folded)) {
          if (pending < 0) pending = index;
          continue;
        }
        if (pending >= 0 && chars.length && !(HAN_CHAR.test(chars[chars.length - 1]) && HAN_CHAR.test(folded))) {
          chars.push(" ");
          origins.push(pending);
        }
        pending = -1;
        chars.push(folded);
        origins.push(index);
      }
      index++;
    }
    return { normalised: chars.join(""), origins };
  }

  /* The query's normalised words, duplicates dropped (text.py's query_words). */
  function queryWords(query) {
    const found = [];
    for (const piece of fold(query).split(SPACE_RUN)) {
      const word = normalise(piece);
      if (word && !found.includes(word)) found.push(word);
    }
    return found;
  }

  /* Runs of normalised text in order: {han: "台风"} or {word: "gb"} (text.py's pieces). */
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

  function spell(ch) {
    let n = ch.codePointAt(0);
    const letters = [];
    for (let i = 0; i < LETTERS; i++) {
      letters.push(String.fromCharCode(97 + (n % 26)));
      n = Math.floor(n / 26);
    }
    return letters.reverse().join("");
  }

  /* Index tokens of normalised text, exactly as site/text.py writes them: tokens() in order, then the
   * lookup_tokens() sorted. */
  function tokens(text) {
    const out = [];
    const lookups = new Set();
    for (const piece of pieces(text)) {
      if (piece.word) {
        out.push(piece.word);
        const chars = [...piece.word];
        for (let i = 0; i < chars.length; i++) {
          for (let j = i + 1; j <= chars.length; j++) lookups.add(chars.slice(i, j).join(""));
        }
        continue;
      }
      const spelled = [...piece.han].map(spell);
      for (const letters of spelled) lookups.add(CHARACTER_PREFIX + letters);
      spelled.push(END);
      for (let i = 0; i + 1 < spelled.length; i++) out.push(PREFIX + spelled[i] + spelled[i + 1]);
    }
    return out.concat([...lookups].sort());
  }

  /* One query word: what to ask Pagefind, and how to confirm a page really holds it. */
  function prepareWord(word) {
    const parts = pieces(word);
    const ask = [];
    for (const piece of parts) {
      if (piece.word) { ask.push(piece.word); continue; }
      const chars = [...piece.han];
      if (chars.length === 1) ask.push(CHARACTER_PREFIX + spell(chars[0])); // the character on its own
      for (let i = 0; i + 1 < chars.length; i++) ask.push(PREFIX + spell(chars[i]) + spell(chars[i + 1]));
    }
    const han = parts.length === 1 && parts[0].han === word ? [...word] : [];
    return {
      word,
      ask: ask.join(" "),
      // A Han word of distinct characters is confirmed by positions alone: n-1 hits in a row.
      chain: han.length && new Set(han).size === han.length ? Math.max(1, han.length - 1) : 0,
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

  /* ---------------------------------------------------------------- a record's own text */
  const fragments = new Map();
  async function fragment(result) {
    if (!fragments.has(result.id)) fragments.set(result.id, result.data());
    return fragments.get(result.id);
  }

  /* [{label, group, shown, normalised, origins}] — from [label, group, shown], written by browser_search.py's
   * passages_json; the normalised text and where each of its characters comes from are made here. */
  function passagesOf(data) {
    if (!data.passagesParsed) {
      data.passagesParsed = JSON.parse(data.meta.passages || "[]").map(
        ([label, group, shown]) => ({ label, group, shown, ...normaliseAligned(shown) }),
      );
    }
    return data.passagesParsed;
  }

  async function holds(result, word) {
    return passagesOf(await fragment(result)).some((p) => p.normalised.includes(word));
  }

  function findSpans(normalised, words) {
    const found = [];
    for (const word of words) {
      for (let at = normalised.indexOf(word); at !== -1; at = normalised.indexOf(word, at + word.length)) {
        found.push([at, at + word.length]);
      }
    }
    found.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const [start, end] of found) {
      if (merged.length && start <= merged[merged.length - 1][1]) {
        merged[merged.length - 1][1] = Math.max(end, merged[merged.length - 1][1]);
      } else merged.push([start, end]);
    }
    return merged;
  }

  /* The passage that best shows the hit, cut to WIDTH characters: {text, marks} in the record's own
   * characters (generator/search/snippets.py does the same for the command line). Offsets into the
   * passage count characters (code points), as Python does; 𠮷 is one character but two code units. */
  function snippet(data, words) {
    const passages = passagesOf(data);
    let best = null;
    passages.forEach((p, index) => {
      const spans = findSpans(p.normalised, words);
      if (!spans.length) return;
      const distinct = new Set(spans.map(([s, e]) => p.normalised.slice(s, e))).size;
      const order = p.label === "标签" ? 3 : GROUP_ORDER[p.group] ?? 1;
      const bare = spans.length === 1 && spans[0][0] === 0 && spans[0][1] === p.normalised.length ? 1 : 0;
      const rank = [-distinct, order, bare, index];
      if (!best || compare(rank, best.rank) < 0) {
        const point = (n) => [...p.normalised.slice(0, n)].length;
        const marks = spans.map(([s, e]) => [p.origins[point(s)], p.origins[point(e) - 1] + 1]);
        best = { rank, p, marks };
      }
    });
    if (!best) {
      const p = passages.find((q) => q.group !== "title") || passages[0];
      return p ? cut(p.label, p.shown, []) : { text: "", marks: [] };
    }
    return cut(best.p.label, best.p.shown, best.marks);
  }

  function compare(a, b) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  }

  /* Cut about WIDTH characters around the first mark, starting at a clause if one begins shortly before. */
  function cut(label, text, marks) {
    const chars = [...text];
    let start = 0;
    if (marks.length && chars.length > WIDTH) {
      const first = marks[0][0];
      start = Math.max(0, Math.min(first - Math.floor(WIDTH / 3), chars.length - WIDTH));
      let boundary = -1;
      for (let i = first - 1; i >= start; i--) if (CLAUSE_ENDS.includes(chars[i])) { boundary = i; break; }
      if (boundary >= 0) {
        start = boundary + 1;
        while (start < first && chars[start] === " ") start++;
      }
    }
    const end = Math.min(chars.length, Math.max(start + WIDTH, marks.length ? marks[0][1] : 0));
    const out = [...`${label}：${start > 0 ? "…" : ""}`];
    const offset = out.length - start;
    out.push(...chars.slice(start, end), ...(end < chars.length ? ["…"] : []));
    const unit = (n) => out.slice(0, n).join("").length; // characters → code units, for slicing the string
    const shown = marks.filter(([s, e]) => s < end && e > start)
      .map(([s, e]) => [unit(Math.max(s, start) + offset), unit(Math.min(e, end) + offset)]);
    return { text: out.join(""), marks: shown };
  }

  /* ---------------------------------------------------------------- searching */
  let pagefind = null;
  let indexes = []; // [{path, batch}]: each batch's index folder under pagefind/ (the first one is loaded)
  let empty = false; // an edition without records has no index at all

  /* Hits in the order given. Hits are taken a page at a time ({length, take(n)}), so that a list merged
   * from several batches reads only the records it shows. */
  function inOrder(hits) {
    let at = 0;
    return {
      length: hits.length,
      take: async (n) => { const out = hits.slice(at, at + n); at += out.length; return out; },
    };
  }

  /* Lists from several batches, each newest first, taken newest first (the same day: by address): only the
   * record at the head of each list is read to decide which is next. */
  function newestFirst(lists) {
    const heads = lists.map((results) => ({ results, at: 0 }));
    return {
      length: lists.reduce((sum, results) => sum + results.length, 0),
      take: async (n) => {
        const out = [];
        while (out.length < n) {
          const live = heads.filter((head) => head.at < head.results.length);
          if (!live.length) break;
          const keys = await Promise.all(live.map(async (head) => {
            const data = await fragment(head.results[head.at]);
            return [data.meta.day || "", data.url];
          }));
          let best = 0;
          for (let i = 1; i < live.length; i++) {
            const [day, url] = keys[i];
            if (day > keys[best][0] || (day === keys[best][0] && url < keys[best][1])) best = i;
          }
          out.push({ result: live[best].results[live[best].at++], score: 0 });
        }
        return out;
      },
    };
  }

  /* Every record the filters allow, newest first (records without a date last: they sort as 0000-00-00). */
  async function listing(spec) {
    const sort = { date: "desc" };
    if (indexes.length === 1) {
      const listed = await pagefind.search(null, { filters: spec, sort });
      return inOrder(listed.results.map((r) => ({ result: r, score: 0 })));
    }
    const lists = await Promise.all(indexes.map((index) =>
      pagefind.search(null, { filters: { ...spec, batch: index.batch }, sort }).then((listed) => listed.results)));
    return newestFirst(lists);
  }

  function filterSpec(filters) {
    const spec = {};
    for (const [key, value] of Object.entries(filters || {})) if (value) spec[key] = value;
    return spec;
  }

  /* Every page whose text holds every word of the query (after normalisation), best first. */
  async function find(query, filters) {
    await ready();
    if (empty) return inOrder([]);
    const words = queryWords(query).map(prepareWord);
    const spec = filterSpec(filters);
    if (!words.length && !Object.keys(spec).length) return inOrder([]);
    if (!words.length) return listing(spec);
    let kept = null;
    for (const word of words) {
      // a word of punctuation alone has nothing to ask Pagefind: every page is a candidate
      const found = await pagefind.search(word.ask || null, { filters: spec });
      let candidates = found.results.filter((r) => !kept || kept.has(r.id));
      if (word.chain) {
        candidates = candidates.filter((r) => hasChain(r.words, word.chain));
      } else {
        const held = await Promise.all(candidates.map((r) => holds(r, word.word)));
        candidates = candidates.filter((_, i) => held[i]);
      }
      const next = new Map();
      for (const result of candidates) {
        const before = kept ? kept.get(result.id) : null;
        next.set(result.id, { result, score: (before ? before.score : 0) + (result.score || 0) });
      }
      kept = next;
    }
    return inOrder([...kept.values()].sort((a, b) => b.score - a.score));
  }

  let loading = null;
  function ready() {
    if (!loading) {
      loading = (async () => {
        const [manifest, response] = await Promise.all([
          fetch(new URL("pagefind/handbook-batches.json", BASE)).then((r) => r.json()),
          fetch(new URL("assets/handbook/t2s.json", BASE)),
        ]);
        useRules(await response.json());
        indexes = manifest.indexes;
        empty = indexes.length === 0;
        if (empty) return;
        const folder = (index) => new URL(`pagefind/${index.path}`, BASE);
        pagefind = await import(new URL("pagefind.js", folder(indexes[0])).href);
        await pagefind.options({ baseUrl: BASE.pathname });
        await pagefind.init();
        // merged indexes use the first one's WASM: each adds only its own entry, meta and chunks
        await Promise.all(indexes.slice(1).map((index) =>
          pagefind.mergeIndex(folder(index).pathname, { baseUrl: BASE.pathname })));
      })();
    }
    return loading;
  }

  window.handbookSearch = {
    ready: () => ready(),
    normalise: async (text) => { await ready(); return normalise(text); },
    words: async (text) => { await ready(); return queryWords(text); },
    tokens: async (text) => { await ready(); return tokens(normalise(text)); },
    aligned: async (text) => { await ready(); const { normalised, origins } = normaliseAligned(text); return [normalised, origins]; },
    /* URLs (relative to the site root) of every record found: the same code the page uses, for tests. */
    urls: async (query, filters) => {
      const found = await find(query, filters);
      const hits = await found.take(found.length);
      const data = await Promise.all(hits.map((hit) => fragment(hit.result)));
      return data.map((d) => d.url.slice(BASE.pathname.length));
    },
  };

  /* ---------------------------------------------------------------- the page */
  const root = document.getElementById("hb-search");
  if (!root) return;
  const input = document.getElementById("hb-search-input");
  const statusLine = root.querySelector(".hb-search__status");
  const list = root.querySelector(".hb-search__results");
  const more = root.querySelector(".hb-search__more");
  const selects = Object.fromEntries(FILTERS.map((f) => [f, root.querySelector(`select[data-filter="${f}"]`)]));
  let current = inOrder([]);
  let currentWords = [];
  let shown = 0;
  let generation = 0;

  if (FROM_DISK) {
    statusLine.textContent = "检索需要通过网址访问本手册：直接打开文件时浏览器不允许检索读取索引。"
      + "请运行 handbook serve，或把网站放到服务器上后用 http:// 地址打开；其他页面和链接照常可用。";
    statusLine.classList.add("hb-search__status--offline");
    input.disabled = true;
    root.querySelector(".hb-search__filters").hidden = true;
    return;
  }

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

  /* Write text into element with <mark> around each [start, end) of marks (text nodes only, never HTML). */
  function writeMarked(element, text, marks) {
    let position = 0;
    for (const [start, end] of marks) {
      element.append(document.createTextNode(text.slice(position, start)));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      element.append(mark);
      position = end;
    }
    element.append(document.createTextNode(text.slice(position)));
  }

  async function showMore() {
    const mine = generation;
    const slice = await current.take(PAGE_SIZE);
    if (mine !== generation) return;
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
      const cutText = snippet(data, currentWords);
      writeMarked(text, cutText.text, cutText.marks);
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
      statusLine.textContent = empty
        ? "本版手册还没有可检索的记录。"
        : "输入词语开始检索，多个词用空格分开（须同时出现），或选择种类、类型、年份、标签浏览。";
      list.replaceChildren();
      more.hidden = true;
      return;
    }
    statusLine.textContent = "正在检索…";
    const found = await find(query, filters);
    if (mine !== generation) return;
    current = found;
    currentWords = queryWords(query);
    shown = 0;
    list.replaceChildren();
    statusLine.textContent = found.length
      ? `找到 ${found.length} 条${query ? `包含“${query}”的` : ""}记录`
      : `没有找到${query ? `包含“${query}”的` : "符合条件的"}记录`;
    await showMore();
  }

  async function fillFilters() {
    const counts = empty ? {} : await pagefind.filters();
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
  ready().then(async () => {
    await fillFilters();
    // what the reader typed while the index was loading wins over the address
    if (!input.value) input.value = new URLSearchParams(location.search).get("q") || "";
    await search();
  }).catch((error) => {
    statusLine.textContent = "检索暂时不可用：请刷新页面；若仍不行，请通过网址（http://）打开本手册。";
    console.error(error);
  });
})();
