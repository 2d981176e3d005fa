// The workflow host: a long-running process speaking JSON lines. One JSON request per stdin line,
// one JSON response per stdout line, in request order; nothing else is written to stdout
// (diagnostics go to stderr). Run: node --import ./register.mjs host.mjs
// Operations (see README.md): parse, evaluate, interpolate, version.
import fs from "node:fs";
import readline from "node:readline";
import { parse } from "./model.mjs";
import { evaluate, fromData, interpolate } from "./expressions.mjs";

// Keep stdout for responses only: anything a library logs goes to stderr.
const writeOut = process.stdout.write.bind(process.stdout);
console.log = console.info = console.debug = (...args) => console.error(...args);

// (their package.json is not exported: read it next to the resolved entry point, dist/index.js)
const packageVersion = name => JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.resolve(name)), "utf8")).version;
const versions = {
  node: process.versions.node,
  "@actions/workflow-parser": packageVersion("@actions/workflow-parser"),
  "@actions/expressions": packageVersion("@actions/expressions")
};

export async function handle(request) {
  switch (request.op) {
    case "parse": {
      if (typeof request.content !== "string") throw new Error('"content" (the workflow text) is required');
      const name = typeof request.name === "string" && request.name ? request.name : "workflow.yml";
      return await parse(name, request.content);
    }
    case "evaluate": {
      if (typeof request.expression !== "string") throw new Error('"expression" is required');
      return { ok: true, value: fromData(evaluate(request.expression, request)) };
    }
    case "interpolate": {
      if (typeof request.text !== "string") throw new Error('"text" is required');
      return { ok: true, value: interpolate(request.text, request) };
    }
    case "version":
      return { ok: true, versions };
    default:
      throw new Error(`unknown op: ${JSON.stringify(request.op)} (parse, evaluate, interpolate, version)`);
  }
}

function respond(response) {
  writeOut(JSON.stringify(response) + "\n");
}

async function serve() {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  console.error(`workflow-host ready (node ${versions.node}, @actions/workflow-parser ${versions["@actions/workflow-parser"]}, @actions/expressions ${versions["@actions/expressions"]})`);
  // for await keeps the responses in request order: one request at a time
  for await (const line of lines) {
    if (!line.trim()) continue;
    let request;
    try {
      request = JSON.parse(line);
      if (request === null || typeof request !== "object" || Array.isArray(request)) {
        throw new Error("a request must be a JSON object");
      }
    } catch (err) {
      respond({ id: null, ok: false, error: `malformed request: ${err.message}` });
      continue;
    }
    const id = request.id ?? null;
    try {
      respond({ id, ...(await handle(request)) });
    } catch (err) {
      respond({ id, ok: false, error: err?.message ?? String(err) });
    }
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  process.on("uncaughtException", err => console.error(`workflow-host: uncaught: ${err?.stack ?? err}`));
  process.on("unhandledRejection", err => console.error(`workflow-host: unhandled: ${err?.stack ?? err}`));
  await serve();
}
