// Tests of the workflow host. Run from this folder: node --import ./register.mjs --test test.mjs
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { evaluate, fromData, interpolate } from "./expressions.mjs";
import { parse } from "./model.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const workflowsDir = path.resolve(here, "../../.github/workflows");
const workflowFiles = fs.readdirSync(workflowsDir).filter(f => f.endsWith(".yml") || f.endsWith(".yaml")).sort();

const pushToMain = {
  github: {
    event_name: "push",
    ref: "refs/heads/main",
    repository: "example/gateway",
    event: { repository: { default_branch: "main", full_name: "example/gateway" } }
  },
  needs: { test: { result: "success", outputs: {} } }
};

describe("parse: the committed workflows", () => {
  test("there are committed workflows", () => assert.ok(workflowFiles.length > 0));

  for (const file of workflowFiles) {
    test(`${file} parses with 0 errors and has the jobs the YAML declares`, async () => {
      const content = fs.readFileSync(path.join(workflowsDir, file), "utf8");
      const result = await parse(file, content);
      assert.deepEqual(result.errors ?? [], [], `parser errors in ${file}`);
      assert.equal(result.ok, true);
      const declared = Object.keys(parseYaml(content).jobs);
      assert.deepEqual(result.workflow.jobs.map(j => j.id), declared);
      for (const job of result.workflow.jobs) {
        assert.ok(job.steps.length > 0, `${file}: job ${job.id} has steps`);
        for (const step of job.steps) {
          assert.ok((step.uses === null) !== (step.run === null), `${file}: ${job.id}: a step has uses or run`);
          assert.equal(typeof step.if, "string");
        }
      }
      // plain JSON: survives a round trip unchanged
      assert.deepEqual(JSON.parse(JSON.stringify(result.workflow)), result.workflow);
    });
  }

  test("docker-build.yml: the model in detail", async () => {
    const { workflow } = await parse("docker-build.yml", fs.readFileSync(path.join(workflowsDir, "docker-build.yml"), "utf8"));
    assert.equal(workflow.name, "Docker build");
    assert.deepEqual(workflow.on.push.branches, ["main"]);
    assert.deepEqual(workflow.on.push.tags, ["v*"]);
    assert.equal(workflow.on.push.paths, null);
    assert.equal(workflow.on.pull_request, undefined); // pull requests run pull-request.yml, which writes nothing
    assert.deepEqual(workflow.on.workflow_dispatch, { inputs: {} });
    assert.deepEqual(workflow.permissions, { contents: "read" });
    assert.equal(workflow.env.DOTNET_NOLOGO, "1");
    assert.deepEqual(workflow.jobs.map(j => [j.id, j.needs]), [["test", []], ["image", ["test"]], ["publish", ["image"]], ["notify", ["test", "image", "publish"]]]);

    const [testJob, image, publish] = workflow.jobs;
    assert.equal(testJob.name, "Test and secret scan");
    assert.equal(testJob["runs-on"], "ubuntu-24.04");
    assert.equal(testJob["timeout-minutes"], 45);
    assert.equal(testJob.if, "success()");
    assert.equal(testJob.permissions["security-events"], "write");
    const install = testJob.steps.find(s => s.name === "Install gitleaks");
    assert.match(install.run, /apt-get install .*gitleaks/);
    const checkout = testJob.steps[0];
    assert.match(checkout.uses, /^actions\/checkout@[0-9a-f]{40}$/);
    assert.deepEqual(checkout.with, { "persist-credentials": "false", "fetch-depth": "0" }); // as strings, as GitHub passes inputs
    const cache = testJob.steps.find(s => s.name === "Cache NuGet packages");
    assert.equal(cache.if, "success() && (!startsWith(github.ref, 'refs/tags/'))"); // as GitHub's converter wraps it
    assert.equal(cache.with.key, "nuget-${{ runner.os }}-${{ runner.arch }}-${{ hashFiles('**/packages.lock.json', 'global.json') }}");
    const build = testJob.steps.find(s => s.run === "./build.sh Test SecretScan");
    assert.deepEqual(build.env, { GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}" });
    assert.equal(testJob.steps.find(s => s.name === "Upload Test files").if, "always()");

    assert.equal(image.name, "Image (${{ matrix.platform }})");
    assert.equal(image["runs-on"], "${{ matrix.runner }}");
    assert.equal(image.strategy["fail-fast"], false);
    assert.deepEqual(image.strategy.matrix.include.map(x => x.platform), ["linux/amd64", "linux/arm64"]);
    assert.equal(image.steps.find(s => s.run?.startsWith("./build.sh ImageTest")).env.PLATFORM, "${{ matrix.platform }}");
    assert.equal(image.steps.find(s => s.name === "Upload Scan files").with.path, "artifacts/trivy.json\nartifacts/trivy.sarif");

    assert.equal(
      publish.if,
      "success() && (github.event_name == 'push' && (github.ref == format('refs/heads/{0}', github.event.repository.default_branch) || startsWith(github.ref, 'refs/tags/')))"
    );
    // the converted condition evaluates as GitHub would
    assert.equal(fromData(evaluate(publish.if, { context: pushToMain })), true);
    assert.equal(fromData(evaluate(publish.if, { context: { ...pushToMain, github: { ...pushToMain.github, event_name: "pull_request" } } })), false);
    assert.equal(fromData(evaluate(publish.if, { context: pushToMain, status: { success: false, failure: true } })), false);
  });
});

describe("parse: invalid workflows", () => {
  test("an unknown key under a job gives the parser's message with file, line and column", async () => {
    const content = ["on: push", "jobs:", "  test:", "    runs-on: ubuntu-24.04", "    foo: bar", "    steps:", "      - run: echo hi", ""].join("\n");
    const result = await parse("bad.yml", content);
    assert.equal(result.ok, false);
    assert.deepEqual(result.errors, ["bad.yml (Line: 5, Col: 5): Unexpected value 'foo'"]);
  });

  test("the converter's own checks count too: a job needing an unknown job", async () => {
    const content = ["on: push", "jobs:", "  a:", "    runs-on: x", "    steps: [{run: echo}]", "  b:", "    needs: c", "    runs-on: x", "    steps: [{run: echo}]", ""].join("\n");
    const result = await parse("needs.yml", content);
    assert.equal(result.ok, false);
    assert.ok(result.errors.some(e => e.includes("Job 'b' depends on unknown job 'c'.")), result.errors.join("\n"));
  });

  test("YAML that is not YAML", async () => {
    const result = await parse("broken.yml", "on: [push\njobs: {");
    assert.equal(result.ok, false);
    assert.ok(result.errors.length > 0);
  });

  test("a multi-line run with an expression keeps the decoded text (a heredoc still works)", async () => {
    const content = [
      "on: push",
      "jobs:",
      "  a:",
      "    runs-on: x",
      "    steps:",
      "      - run: |",
      "          cat <<EOF",
      "          ${{ github.ref }} {x}",
      "          EOF",
      ""
    ].join("\n");
    const { workflow } = await parse("ml.yml", content);
    const run = workflow.jobs[0].steps[0].run;
    assert.equal(run, "cat <<EOF\n${{ github.ref }} {x}\nEOF\n");
    assert.equal(interpolate(run, { context: pushToMain }), "cat <<EOF\nrefs/heads/main {x}\nEOF\n");
  });
});

describe("evaluate", () => {
  const ev = (expression, request = {}) => fromData(evaluate(expression, { context: pushToMain, ...request }));

  test("startsWith(github.ref, 'refs/tags/')", () => {
    assert.equal(ev("startsWith(github.ref, 'refs/tags/')"), false);
    assert.equal(ev("startsWith(github.ref, 'refs/tags/')", { context: { github: { ref: "refs/tags/v1.2.3" } } }), true);
  });

  test("status functions come from the request: always(), failure(), success(), cancelled()", () => {
    assert.equal(ev("always()"), true);
    assert.equal(ev("always()", { status: { success: false, failure: true, cancelled: true } }), true);
    assert.equal(ev("failure()"), false);
    assert.equal(ev("failure()", { status: { success: false, failure: true, cancelled: false } }), true);
    assert.equal(ev("success()"), true);
    assert.equal(ev("success()", { status: { success: false, failure: true } }), false);
    assert.equal(ev("cancelled()", { status: { cancelled: true } }), true);
  });

  test("format('refs/heads/{0}', github.event.repository.default_branch)", () => {
    assert.equal(ev("format('refs/heads/{0}', github.event.repository.default_branch)"), "refs/heads/main");
    assert.equal(ev("github.ref == format('refs/heads/{0}', github.event.repository.default_branch) && success()"), true);
  });

  test("toJSON(needs)", () => {
    assert.equal(ev("toJSON(needs)"), JSON.stringify(pushToMain.needs, null, 2));
  });

  test("values keep their types; missing properties and contexts are null; names are case-insensitive", () => {
    assert.deepEqual(ev("github.event.repository"), pushToMain.github.event.repository);
    assert.equal(ev("github.nothing.here"), null);
    assert.equal(ev("matrix.platform"), null);
    assert.equal(ev("GitHub.Event_Name"), "push");
    assert.equal(ev("fromJSON('[1, 2.5]')[1]"), 2.5);
    assert.equal(ev("contains(fromJSON('[\"a\", \"b\"]'), 'B')"), true);
    assert.equal(ev("join(fromJSON('[\"a\", \"b\"]'), '+')"), "a+b");
    assert.equal(ev("endsWith('abc', 'BC')"), true);
  });

  test("errors are GitHub's messages", () => {
    assert.throws(() => ev("foo.bar"), /Unrecognized named-value: 'foo'/);
    assert.throws(() => ev("nosuch()"), /Unrecognized function: 'nosuch'/);
    assert.throws(() => ev("github.ref =="), /Unexpected end of expression/);
  });

  describe("hashFiles", () => {
    let ws;
    const write = (rel, text) => {
      fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
      fs.writeFileSync(path.join(ws, rel), text);
    };
    const sha = buf => createHash("sha256").update(buf).digest();
    // GitHub: sha256 over the sha256 of each matched file, in the order the glob walk meets them
    const expected = (...rels) => {
      const outer = createHash("sha256");
      for (const r of rels) outer.update(sha(fs.readFileSync(path.join(ws, r))));
      return outer.digest("hex");
    };

    before(() => {
      ws = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-host-hash-"));
      write("packages.lock.json", "root");
      write("a/b/packages.lock.json", "a/b");
      write("a.d/packages.lock.json", "a.d");
      write(".hidden/packages.lock.json", "hidden");
      write("global.json", "{}");
      write("src/x.cs", "x");
    });
    after(() => fs.rmSync(ws, { recursive: true, force: true }));

    test("hashFiles('**/packages.lock.json'): depth first, children in byte order, dot folders included", () => {
      // the walk meets .hidden, a (a/b), a.d, then the root file: not the sorted order of the full paths
      const want = expected(".hidden/packages.lock.json", "a/b/packages.lock.json", "a.d/packages.lock.json", "packages.lock.json");
      assert.equal(ev("hashFiles('**/packages.lock.json')", { workspace: ws }), want);
    });

    test("several patterns, exclusions, no match", () => {
      assert.equal(
        ev("hashFiles('**/packages.lock.json', '!a/**', '!.hidden')", { workspace: ws }),
        expected("a.d/packages.lock.json", "packages.lock.json")
      );
      assert.equal(ev("hashFiles('global.json')", { workspace: ws }), expected("global.json"));
      assert.equal(ev("hashFiles('src')", { workspace: ws }), expected("src/x.cs"));
      assert.equal(ev("hashFiles('**/*.nothing')", { workspace: ws }), "");
    });

    test("hashFiles of this repository's lock files is stable", () => {
      const repo = path.resolve(here, "../..");
      const a = ev("hashFiles('**/packages.lock.json')", { workspace: repo });
      assert.match(a, /^[0-9a-f]{64}$/);
      assert.equal(ev("hashFiles('**/packages.lock.json')", { workspace: repo }), a);
    });
  });
});

describe("interpolate", () => {
  const context = { ...pushToMain, matrix: { platform: "linux/amd64", n: 3, flag: false, none: null } };
  const ip = text => interpolate(text, { context });

  test("embedded expressions", () => {
    assert.equal(ip("Image (${{ matrix.platform }})"), "Image (linux/amd64)");
    assert.equal(ip("${{ matrix.n }}-${{ matrix.flag }}-[${{ matrix.none }}]-${{ 1.50 }}"), "3-false-[]-1.5");
    assert.equal(ip("no expressions here {0}"), "no expressions here {0}");
    assert.equal(ip("${{ '}}' }} and ${{ 'it''s' }}"), "}} and it's");
  });

  test("a whole-value object becomes JSON; inside text it is 'Object', as GitHub's format()", () => {
    assert.equal(ip("${{ github.event.repository }}"), JSON.stringify(pushToMain.github.event.repository, null, 2));
    assert.equal(ip("x ${{ github.event.repository }}"), "x Object");
  });

  test("an unclosed expression is an error", () => {
    assert.throws(() => ip("${{ matrix.platform"), /not closed/);
  });
});

describe("the host process (JSON lines)", () => {
  let child;
  let lines;
  const responses = [];
  const waiters = [];
  const next = () =>
    new Promise(resolve => {
      if (responses.length) resolve(responses.shift());
      else waiters.push(resolve);
    });
  const send = request => child.stdin.write((typeof request === "string" ? request : JSON.stringify(request)) + "\n");

  before(() => {
    child = spawn(process.execPath, ["--import", "./register.mjs", "host.mjs"], { cwd: here, stdio: ["pipe", "pipe", "pipe"] });
    child.stderr.resume();
    lines = readline.createInterface({ input: child.stdout });
    lines.on("line", line => {
      const response = JSON.parse(line); // every stdout line must be JSON
      if (waiters.length) waiters.shift()(response);
      else responses.push(response);
    });
  });
  after(() => {
    child.stdin.end();
    child.kill();
  });

  test("parse, evaluate, interpolate, errors: one response per line, ids echoed, the process lives on", async () => {
    const content = fs.readFileSync(path.join(workflowsDir, "docker-build.yml"), "utf8");
    send({ id: 1, op: "parse", name: "docker-build.yml", content });
    send({ id: 2, op: "evaluate", expression: "github.ref == 'refs/heads/main' && success()", context: pushToMain, status: { success: true, failure: false, cancelled: false } });
    send({ id: 3, op: "interpolate", text: "Image (${{ matrix.platform }})", context: { matrix: { platform: "linux/arm64" } } });
    send("this is not JSON");
    send({ id: 5, op: "evaluate", expression: "nosuch.context" });
    send({ id: 6, op: "frobnicate" });
    send({ id: 7, op: "parse", name: "bad.yml", content: "on: push\njobs:\n  test:\n    runs-on: x\n    foo: bar\n    steps: [{run: echo}]\n" });
    send({ id: "eight", op: "evaluate", expression: "hashFiles('**/*.none')", workspace: here });

    const r1 = await next();
    assert.equal(r1.id, 1);
    assert.equal(r1.ok, true);
    assert.deepEqual(r1.workflow.jobs.map(j => j.id), ["test", "image", "publish", "notify"]);
    assert.deepEqual(await next(), { id: 2, ok: true, value: true });
    assert.deepEqual(await next(), { id: 3, ok: true, value: "Image (linux/arm64)" });
    const r4 = await next();
    assert.equal(r4.ok, false);
    assert.match(r4.error, /malformed request/);
    assert.deepEqual(await next(), { id: 5, ok: false, error: "Unrecognized named-value: 'nosuch'" });
    const r6 = await next();
    assert.equal(r6.id, 6);
    assert.match(r6.error, /unknown op/);
    assert.deepEqual(await next(), { id: 7, ok: false, errors: ["bad.yml (Line: 5, Col: 5): Unexpected value 'foo'"] });
    assert.deepEqual(await next(), { id: "eight", ok: true, value: "" });

    send({ id: 9, op: "version" });
    const v = await next();
    assert.equal(v.versions["@actions/workflow-parser"], "0.3.61");
    assert.equal(v.versions["@actions/expressions"], "0.3.61");
  });
});
