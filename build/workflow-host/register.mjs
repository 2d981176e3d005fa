// Loader hook for node 20. @actions/workflow-parser imports its schema with
// `import schema from "./workflow-v1.0.min.json"` and no import attribute; node 20 refuses a JSON
// module without `with { type: "json" }` (ERR_IMPORT_ATTRIBUTE_MISSING). This load() hook adds the
// attribute to every .json import. Use: node --import ./register.mjs host.mjs
import { register } from "node:module";

const hook = `
export async function load(url, context, nextLoad) {
  if (url.endsWith(".json")) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
  }
  return nextLoad(url, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hook)}`, import.meta.url);
