// Evaluates GitHub Actions expressions with GitHub's own engine (@actions/expressions): Lexer, Parser,
// Evaluator and its built-in functions (contains, startsWith, endsWith, format, join, toJSON,
// fromJSON, case). The runner-side functions are supplied here: success(), failure(), cancelled(),
// always() from the request's status, and hashFiles() computed as the runner computes it.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { data, Evaluator, Lexer, Parser } from "@actions/expressions";

// The named contexts a workflow may use. A context missing from the request evaluates to null.
export const CONTEXT_NAMES = ["github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy", "matrix", "needs", "inputs"];

/** Plain JSON -> the engine's data types (objects -> Dictionary, arrays -> Array, ...). */
export function toData(value) {
  if (value === null || value === undefined) return new data.Null();
  switch (typeof value) {
    case "string":
      return new data.StringData(value);
    case "number":
      return new data.NumberData(value);
    case "boolean":
      return new data.BooleanData(value);
  }
  if (Array.isArray(value)) return new data.Array(...value.map(toData));
  if (typeof value === "object") {
    return new data.Dictionary(...Object.entries(value).map(([key, v]) => ({ key, value: toData(v) })));
  }
  throw new Error(`unsupported value in context: ${typeof value}`);
}

/** The engine's data types -> plain JSON. */
export function fromData(value) {
  return JSON.parse(JSON.stringify(value ?? new data.Null(), data.replacer) ?? "null");
}

/** The string GitHub puts where an expression's value becomes text. */
export function toText(value) {
  if (value === undefined) return "";
  switch (value.kind) {
    case data.Kind.Dictionary:
    case data.Kind.Array:
      // a whole-value object (e.g. "${{ github.event }}"): JSON, as toJSON() prints it
      return JSON.stringify(value, data.replacer, "  ");
    default:
      return value.coerceString(); // null -> "", true/false, numbers as GitHub formats them
  }
}

/**
 * evaluate(expression, request) -> engine value. request: {context, status, workspace}.
 * Throws on a syntax error, an unknown context/function, or an evaluation error.
 */
export function evaluate(expression, request = {}) {
  const contextJson = request.context ?? {};
  const names = new Set([...CONTEXT_NAMES, ...Object.keys(contextJson).map(k => k.toLowerCase())]);
  const context = new data.Dictionary();
  for (const [key, value] of Object.entries(contextJson)) context.add(key, toData(value));
  for (const name of names) if (context.get(name) === undefined) context.add(name, new data.Null());

  const { functions, infos } = runnerFunctions(request);
  const lexed = new Lexer(expression).lex();
  const tree = new Parser(lexed.tokens, [...names], infos).parse();
  return new Evaluator(tree, context, functions).evaluate();
}

function runnerFunctions(request) {
  const status = { success: true, failure: false, cancelled: false, ...(request.status ?? {}) };
  const defs = [
    { name: "success", minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(!!status.success) },
    { name: "failure", minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(!!status.failure) },
    { name: "cancelled", minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(!!status.cancelled) },
    { name: "always", minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(true) },
    {
      name: "hashFiles",
      minArgs: 1,
      maxArgs: 255,
      call: (...args) => new data.StringData(hashFiles(args.map(a => a.coerceString()), request.workspace))
    }
  ];
  const functions = new Map(defs.map(d => [d.name.toLowerCase(), d]));
  const infos = defs.map(({ name, minArgs, maxArgs }) => ({ name, minArgs, maxArgs }));
  return { functions, infos };
}

/**
 * interpolate(text, request) -> string: every ${{ }} in text evaluated, as GitHub does for a string
 * field. The text is split the way GitHub's template reader splits it ("${{" up to the first "}}"
 * outside a '...' string literal). A text that is exactly one expression becomes that value as
 * text (objects/arrays as JSON); text around expressions is joined with the values' string forms,
 * as the format('...{0}...', ...) that GitHub's parser makes of such a string.
 */
export function interpolate(text, request = {}) {
  const segments = splitTemplate(text);
  if (segments.length === 1 && segments[0].expression !== undefined) {
    return toText(evaluate(segments[0].expression, request));
  }
  let result = "";
  for (const s of segments) {
    result += s.expression === undefined ? s.text : evaluate(s.expression, request).coerceString();
  }
  return result;
}

export function splitTemplate(raw) {
  const OPEN = "${{";
  const segments = [];
  let i = 0;
  let start = raw.indexOf(OPEN);
  if (start < 0) return [{ text: raw }];
  while (i < raw.length) {
    if (i === start) {
      let end = -1;
      let inString = false;
      for (i += OPEN.length; i < raw.length; i++) {
        if (raw[i] === "'") inString = !inString;
        else if (!inString && raw[i] === "}" && raw[i - 1] === "}") {
          end = i;
          i++;
          break;
        }
      }
      if (end < start) {
        throw new Error("The expression is not closed. An unescaped ${{ sequence was found, but the closing }} sequence was not found.");
      }
      const expression = raw.substring(start + OPEN.length, end - 1).trim();
      if (!expression) throw new Error("An expression was expected");
      segments.push({ expression });
      start = raw.indexOf(OPEN, i);
    } else if (start >= 0 && i < start) {
      segments.push({ text: raw.substring(i, start) });
      i = start;
    } else {
      segments.push({ text: raw.substring(i) });
      break;
    }
  }
  return segments;
}

// --- hashFiles --------------------------------------------------------------------------------
// As the runner computes it (actions/runner src/Misc/expressionFunc/hashFiles with @actions/glob,
// followSymbolicLinks off): the patterns (one per argument; a leading "!" excludes) are rooted at
// the workspace; the search walks each search path depth first, children in byte order (what
// node's readdir returns); every matched regular file under the workspace contributes the SHA-256
// of its content to an outer SHA-256, in walk order. No match: "".

export function hashFiles(patternArgs, workspace) {
  if (!workspace) throw new Error("hashFiles needs the request's \"workspace\"");
  const ws = path.resolve(workspace);
  const patterns = [];
  for (const line of patternArgs.join("\n").split("\n").map(x => x.trim())) {
    if (!line || line.startsWith("#")) continue;
    const p = new GlobPattern(line, ws);
    patterns.push(p);
    // implicit descendants: a pattern also matches everything under what it matches
    if (p.trailingSeparator || p.segments[p.segments.length - 1] !== "**") {
      patterns.push(GlobPattern.fromSegments(p.negate, [...p.segments, "**"]));
    }
  }

  const outer = createHash("sha256");
  let count = 0;
  const stack = [];
  for (const searchPath of searchPaths(patterns)) {
    if (lstatOrUndefined(searchPath)) stack.unshift({ path: searchPath });
  }
  while (stack.length) {
    const item = stack.pop();
    const kind = matchAll(patterns, item.path);
    const partial = kind !== NONE || patterns.some(p => !p.negate && p.partialMatch(item.path));
    if (!partial) continue;
    const stats = lstatOrUndefined(item.path);
    if (!stats) continue;
    if (stats.isDirectory()) {
      const children = fs.readdirSync(item.path).sort(byteOrder).map(x => ({ path: path.join(item.path, x) }));
      stack.push(...children.reverse());
    } else if (kind & FILE) {
      if (!item.path.startsWith(ws + path.sep)) continue; // not under the workspace
      if (fs.statSync(item.path).isDirectory()) continue; // a symbolic link to a directory
      outer.write(createHash("sha256").update(fs.readFileSync(item.path)).digest());
      count++;
    }
  }
  outer.end();
  return count > 0 ? outer.digest("hex") : "";
}

const NONE = 0;
const DIRECTORY = 1;
const FILE = 2;
const ALL = DIRECTORY | FILE;

function matchAll(patterns, itemPath) {
  let result = NONE;
  for (const p of patterns) {
    if (p.negate) result &= ~p.match(itemPath);
    else result |= p.match(itemPath);
  }
  return result;
}

function searchPaths(patterns) {
  const positive = patterns.filter(p => !p.negate);
  const candidates = new Map(positive.map(p => [p.searchPath, "candidate"]));
  const result = [];
  for (const p of positive) {
    if (candidates.get(p.searchPath) === "included") continue;
    let found = false;
    let key = p.searchPath;
    let parent = path.dirname(key);
    while (parent !== key) {
      if (candidates.has(parent)) {
        found = true;
        break;
      }
      key = parent;
      parent = path.dirname(key);
    }
    if (!found) {
      result.push(p.searchPath);
      candidates.set(p.searchPath, "included");
    }
  }
  return result;
}

function lstatOrUndefined(p) {
  try {
    return fs.lstatSync(p);
  } catch (err) {
    if (err.code === "ENOENT") return undefined;
    throw err;
  }
}

function byteOrder(a, b) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

class GlobPattern {
  constructor(pattern, workdir) {
    if (pattern === undefined) return; // fromSegments
    this.negate = false;
    pattern = pattern.trim();
    while (pattern.startsWith("!")) {
      this.negate = !this.negate;
      pattern = pattern.substring(1).trim();
    }
    const literal = pattern.split(/\/+/).map(literalOf);
    if (!literal.every((x, i) => (x !== "." || i === 0) && x !== "..")) {
      throw new Error(`Invalid pattern '${pattern}'. Relative pathing '.' and '..' is not allowed.`);
    }
    if (pattern === "." || pattern.startsWith("./")) pattern = globEscape(workdir) + pattern.substring(1);
    else if (!pattern.startsWith("/")) pattern = `${globEscape(workdir)}/${pattern}`;
    this.trailingSeparator = pattern.endsWith("/");
    this.init(pattern.replace(/\/+$/, "").split(/\/+/).slice(1));
  }

  static fromSegments(negate, segments) {
    const p = new GlobPattern();
    p.negate = negate;
    p.trailingSeparator = false;
    p.init(segments);
    return p;
  }

  init(segments) {
    this.segments = segments; // without the root "/"
    const search = [];
    for (const s of segments) {
      const l = literalOf(s);
      if (l === "") break;
      search.push(l);
    }
    this.searchPath = "/" + search.join("/");
    this.matchers = segments.map(s => (s === "**" ? "**" : segmentRegExp(s)));
  }

  match(itemPath) {
    const parts = itemPath.split("/").filter(x => x !== "");
    if (!matchSegments(this.matchers, 0, parts, 0, false)) return NONE;
    return this.trailingSeparator ? DIRECTORY : ALL;
  }

  partialMatch(itemPath) {
    const parts = itemPath.split("/").filter(x => x !== "");
    return matchSegments(this.matchers, 0, parts, 0, true);
  }
}

function matchSegments(matchers, pi, parts, fi, partial) {
  if (pi === matchers.length) return fi === parts.length;
  if (fi === parts.length) return partial || matchers.slice(pi).every(m => m === "**");
  const m = matchers[pi];
  if (m === "**") {
    // zero or more segments (never "." or "..": the paths here are normalized)
    for (let k = fi; k <= parts.length; k++) {
      if (matchSegments(matchers, pi + 1, parts, k, partial)) return true;
    }
    return false;
  }
  return m.test(parts[fi]) && matchSegments(matchers, pi + 1, parts, fi + 1, partial);
}

// One path segment of a glob (minimatch with dot, no braces, no extglob): * ? [set] and \ escapes.
function segmentRegExp(segment) {
  let re = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === "\\" && i + 1 < segment.length) {
      re += escapeRegExp(segment[++i]);
    } else if (c === "*") {
      re += "[^/]*";
    } else if (c === "?") {
      re += "[^/]";
    } else if (c === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close < 0) {
        re += "\\[";
        continue;
      }
      let set = segment.substring(i + 1, close);
      const negated = set.startsWith("!") || set.startsWith("^");
      if (negated) set = set.substring(1);
      re += `[${negated ? "^" : ""}${set.replace(/\\/g, "\\\\").replace(/\]/g, "\\]")}]`;
      i = close;
    } else {
      re += escapeRegExp(c);
    }
  }
  return new RegExp(`^${re}$`);
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function globEscape(s) {
  return s.replace(/\\/g, "\\\\").replace(/(\[)(?=[^/]+\])/g, "[[]").replace(/\?/g, "[?]").replace(/\*/g, "[*]");
}

// The literal form of a segment, or "" when it holds a wildcard (as @actions/glob's getLiteral).
function literalOf(segment) {
  let literal = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === "\\" && i + 1 < segment.length) {
      literal += segment[++i];
      continue;
    } else if (c === "*" || c === "?") {
      return "";
    } else if (c === "[" && i + 1 < segment.length) {
      let set = "";
      let closed = -1;
      for (let j = i + 1; j < segment.length; j++) {
        const c2 = segment[j];
        if (c2 === "\\" && j + 1 < segment.length) {
          set += segment[++j];
          continue;
        } else if (c2 === "]") {
          closed = j;
          break;
        } else {
          set += c2;
        }
      }
      if (closed >= 0) {
        if (set.length > 1) return "";
        if (set) {
          literal += set;
          i = closed;
          continue;
        }
      }
    }
    literal += c;
  }
  return literal;
}
