// Parses a workflow with GitHub's own parser (@actions/workflow-parser) and turns the result into a
// plain JSON model (no template tokens) for the rehearsal's C# side. See README.md for the shape.
//
// What comes from where:
// - parseWorkflow() reads and validates the YAML against GitHub's workflow schema;
//   convertWorkflowTemplate() then converts it (events, jobs, needs, if-conditions, steps) and adds
//   its own checks (job/step ids, the needs graph, cron syntax, ...). Any error from either: no model.
// - The converter's result is used for everything it covers (on, env, concurrency, jobs: id, name,
//   needs, if, runs-on, env, outputs, strategy, concurrency, environment, container, services;
//   steps: name, if, uses, run, env, continue-on-error). What it leaves out (workflow name,
//   permissions, defaults, job timeout-minutes/continue-on-error, step with/shell/working-directory/
//   timeout-minutes) is read from the validated template tokens of the same parse.
import {
  convertWorkflowTemplate,
  isBasicExpression,
  isBoolean,
  isMapping,
  isNumber,
  isSequence,
  isString,
  NoOperationTraceWriter,
  parseWorkflow
} from "@actions/workflow-parser";
import { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { TokenType } from "@actions/workflow-parser/templates/tokens/types";
import { data } from "@actions/expressions";
import { isScalar as isYamlScalar, LineCounter, parseDocument, visit } from "yaml";

/**
 * parse({name, content}) -> {ok: true, workflow} | {ok: false, errors: [message, ...]}
 * The messages are the parser's own, e.g. "ci.yml (Line: 6, Col: 5): Unexpected value 'foo'".
 */
export async function parse(name, content) {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const context = result.context;
  if (result.value === undefined || context.errors.getErrors().length > 0) {
    return { ok: false, errors: errorsOf(context) };
  }
  const template = await convertWorkflowTemplate(context, result.value);
  if (template.errors?.length || context.errors.getErrors().length > 0) {
    return { ok: false, errors: errorsOf(context, template) };
  }
  const model = new ModelBuilder(content);
  return { ok: true, workflow: model.workflow(result.value, template) };
}

function errorsOf(context, template) {
  const messages = context.errors.getErrors().map(e => e.message);
  for (const e of template?.errors ?? []) {
    if (!messages.includes(e.Message)) messages.push(e.Message);
  }
  return messages;
}

class ModelBuilder {
  constructor(content) {
    this.content = content;
    this.decoded = undefined; // "line:col" -> decoded YAML string, built on first need
  }

  workflow(root, template) {
    const raw = mapping(root);
    return {
      name: this.text(raw.find("name")),
      "run-name": this.text(raw.find("run-name")),
      on: this.events(template.events ?? {}),
      permissions: this.permissions(raw.find("permissions")),
      env: this.stringMap(template.env) ?? {},
      defaults: this.plain(raw.find("defaults")),
      concurrency: this.plain(template.concurrency),
      jobs: (template.jobs ?? []).map(job => this.job(job, mapping(mapping(raw.find("jobs")).find(job.id.value))))
    };
  }

  events(events) {
    const on = {};
    for (const [event, config] of Object.entries(events)) {
      const c = this.plainDeep(config ?? {});
      switch (event) {
        case "push":
          on.push = pick(c, ["branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore"]);
          break;
        case "pull_request":
        case "pull_request_target":
          on[event] = pick(c, ["branches", "branches-ignore", "paths", "paths-ignore", "types"]);
          break;
        case "workflow_dispatch":
          on.workflow_dispatch = { inputs: c.inputs ?? {} };
          break;
        default:
          on[event] = c;
      }
    }
    return on;
  }

  job(job, raw) {
    const reusable = job.type === "reusableWorkflowJob";
    const rawSteps = raw.find("steps");
    return {
      id: job.id.value,
      type: reusable ? "reusable-workflow" : "job",
      // The converter names an unnamed job after its id, as GitHub displays it.
      name: this.text(job.name),
      needs: (job.needs ?? []).map(n => n.value),
      if: job.if.expression,
      "runs-on": this.plain(job["runs-on"]),
      permissions: this.permissions(raw.find("permissions")),
      "timeout-minutes": this.plain(raw.find("timeout-minutes")),
      "continue-on-error": this.plain(raw.find("continue-on-error")) ?? false,
      env: this.stringMap(job.env) ?? {},
      outputs: this.stringMap(job.outputs),
      strategy: this.strategy(job.strategy),
      concurrency: this.plain(job.concurrency),
      environment: this.plain(job.environment),
      container: this.plain(job.container),
      services: this.plain(job.services),
      defaults: this.plain(raw.find("defaults")),
      uses: reusable ? job.ref.value : null,
      with: reusable ? this.stringMap(job["input-values"]) : null,
      secrets: reusable ? (job["inherit-secrets"] ? "inherit" : this.stringMap(job["secret-values"])) : null,
      steps: reusable ? [] : job.steps.map((step, i) => this.step(step, isSequence(rawSteps) ? mapping(rawSteps.get(i)) : undefined))
    };
  }

  strategy(token) {
    if (token === undefined) return null;
    if (!isMapping(token)) return this.plain(token); // a whole-strategy expression: "${{ ... }}"
    const failFast = token.find("fail-fast");
    return {
      "fail-fast": failFast === undefined ? true : this.plain(failFast), // GitHub's default: true
      "max-parallel": this.plain(token.find("max-parallel")),
      matrix: this.plain(token.find("matrix"))
    };
  }

  step(step, raw) {
    const explicitId = raw?.find("id");
    return {
      id: explicitId !== undefined && isString(explicitId) ? explicitId.value : null,
      // The converter's id: the explicit one, or the one it generates ("__run", "__actions_checkout", ...).
      key: step.id,
      name: this.text(step.name),
      if: step.if?.expression ?? "success()",
      uses: step.uses !== undefined ? step.uses.value : null,
      run: step.run !== undefined ? this.text(step.run) : null,
      shell: this.text(raw?.find("shell")),
      "working-directory": this.text(raw?.find("working-directory")),
      with: this.stringMap(raw?.find("with")),
      env: this.stringMap(step.env),
      "continue-on-error":
        step["continue-on-error"] === undefined
          ? false
          : typeof step["continue-on-error"] === "boolean"
            ? step["continue-on-error"]
            : this.text(step["continue-on-error"]),
      "timeout-minutes": this.plain(raw?.find("timeout-minutes"))
    };
  }

  permissions(token) {
    if (token === undefined) return null;
    return this.plain(token); // "read-all" | "write-all" | {scope: "read"|"write"|"none"}
  }

  /** A mapping of strings (env, with, outputs): values as GitHub sees them, expressions as "${{ }}". */
  stringMap(token) {
    if (token === undefined) return null;
    if (!isMapping(token)) return this.plain(token);
    const result = {};
    for (const item of token) result[this.key(item.key)] = this.text(item.value);
    return result;
  }

  /** A scalar as text: strings as they are, true/false, numbers as GitHub prints them, null -> "". */
  text(token) {
    if (token === undefined) return null;
    switch (token.templateTokenType) {
      case TokenType.String:
        return token.value;
      case TokenType.Boolean:
        return token.value ? "true" : "false";
      case TokenType.Number:
        return new data.NumberData(token.value).coerceString();
      case TokenType.Null:
        return "";
      case TokenType.BasicExpression:
        return this.expression(token);
      case TokenType.InsertExpression:
        return "${{ insert }}";
      default:
        return this.plain(token);
    }
  }

  /** Any token as plain JSON, keeping YAML types (numbers, booleans, null); expressions as "${{ }}". */
  plain(token) {
    if (token === undefined) return null;
    if (isMapping(token)) {
      const result = {};
      for (const item of token) result[this.key(item.key)] = this.plain(item.value);
      return result;
    }
    if (isSequence(token)) {
      const result = [];
      for (const item of token) result.push(this.plain(item));
      return result;
    }
    if (isString(token) || isNumber(token) || isBoolean(token)) return token.value;
    if (token.templateTokenType === TokenType.Null) return null;
    return this.text(token);
  }

  /** plain() for converter output that mixes JS values and tokens (events). */
  plainDeep(value) {
    if (value instanceof TemplateToken) return this.plain(value);
    if (Array.isArray(value)) return value.map(v => this.plainDeep(v));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.plainDeep(v)]));
    }
    return value;
  }

  key(token) {
    return isString(token) ? token.value : this.text(token);
  }

  /**
   * An expression token as a string. A value that is one expression: "${{ expr }}". A string with
   * text around its expressions (which the parser turns into format('...{0}...', expr)): the
   * original text with its ${{ }}, e.g. "Image (${{ matrix.platform }})" - evaluating that with
   * `interpolate` gives what the format() gives. For multi-line strings (block scalars) the parser
   * builds its format() from the raw YAML source, indentation included, while GitHub's runner uses
   * the decoded value; the model gives the decoded value (see README.md).
   */
  expression(token) {
    if (!isBasicExpression(token)) return this.text(token);
    if (token.originalExpressions?.length && token.source !== undefined && token.range) {
      const singleLine = token.range.start.line === token.range.end.line;
      if (singleLine) return token.source; // the parser passes the decoded single-line value here
      const decoded = this.decodedAt(token.range.start);
      if (decoded !== undefined) return decoded;
    }
    return `\${{ ${token.expression} }}`;
  }

  decodedAt(pos) {
    if (this.decoded === undefined) {
      this.decoded = new Map();
      const lineCounter = new LineCounter();
      const doc = parseDocument(this.content, { lineCounter, keepSourceTokens: true, uniqueKeys: false });
      visit(doc, {
        Scalar: (_key, node) => {
          if (isYamlScalar(node) && typeof node.value === "string" && node.range) {
            const p = lineCounter.linePos(node.range[0]);
            this.decoded.set(`${p.line}:${p.col}`, node.value);
          }
        }
      });
    }
    return this.decoded.get(`${pos.line}:${pos.column}`);
  }
}

function mapping(token) {
  // A job or step that is not a mapping never gets here: the parser reports it as an error first.
  return token !== undefined && isMapping(token) ? token : { find: () => undefined };
}

function pick(object, keys) {
  const result = {};
  for (const k of keys) result[k] = object[k] ?? null;
  for (const [k, v] of Object.entries(object)) if (!(k in result)) result[k] = v;
  return result;
}
