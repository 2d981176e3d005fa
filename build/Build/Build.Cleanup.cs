using BuildEngine;
using Delivery.GitHub;
using Delivery.Images;
using Delivery.Registry;
using Delivery.Storage;
using Tooling;

/// <summary>
/// The image's container package on GHCR: StorageReport says what it holds and weighs; Cleanup deletes what the
/// retention policy expires (docs/versioning.md#retention), never a manifest a kept tag needs. Dry run unless
/// --apply. The registry-cleanup workflow runs both on a schedule. docs/operations.md explains them.
/// </summary>
[GitHubActionsWorkflow("registry-cleanup",
    DisplayName = "Registry cleanup",
    OnSchedule = ["23 4 * * *"], // daily, at an hour GitHub's scheduler is not crowded
    OnWorkflowDispatch = true,
    EnableGitHubToken = true,
    TimeoutMinutes = 30)]
// The report first (its artefact shows the package as the cleanup found it); the deleting job, which writes packages,
// runs only on schedule or when dispatched on the default branch: another branch's retention code never deletes.
[GitHubActionsJob("registry-cleanup", "report", nameof(StorageReport), DisplayName = "Storage report")]
[GitHubActionsJob("registry-cleanup", "cleanup", nameof(Cleanup), DisplayName = "Cleanup", Arguments = ["--apply"])]
partial class Build
{
    [Parameter("Cleanup: delete the versions the plan expires. Without it Cleanup is a dry run that only prints the plan.", CommandLineOnly = true)]
    readonly bool Apply;

    [Parameter("Cleanup: how many of each branch's newest builds to keep (its moving tag's image always stays).")]
    readonly int KeepPerBranch = 10;

    [Parameter("Cleanup: days after their last push that pull-request (pr-N) and commit (sha-…) images expire.")]
    readonly int ExpireAfterDays = 14;

    [Parameter("Cleanup: hours an untagged manifest nothing kept refers to may stay (a multi-arch push uploads its platform manifests before the tagged index).")]
    readonly int UntaggedGraceHours = 24;

    // Versions are listed from this package but their manifests are read from the image's repository: a name that
    // does not match makes every read miss, and Cleanup then refuses to delete anything (MissingManifests).
    [Parameter("The image's container package on GitHub, which must be the package the image repository is pushed to. Default: the image name's last segment (gateway for ghcr.io/acme/gateway).")]
    readonly string? PackageName;

    AbsolutePath StorageReportMarkdown => ArtifactsDirectory / "storage-report.md";

    AbsolutePath StorageReportJson => ArtifactsDirectory / "storage-report.json";

    AbsolutePath CleanupPlanFile => ArtifactsDirectory / "cleanup-plan.md";

    Task<(PackageSnapshot Snapshot, GitHubPackageVersions Source)>? packageSnapshot;

    Target StorageReport => _ => _
        .Description("Reports the image package's versions and sizes on GHCR.")
        .Produces(ArtifactsDirectory / "storage-report.*")
        // GitHub's package-versions API and GHCR's manifests: a job without packages: read sees no package at all.
        .ReadPermissions(GitHubPermission.Packages)
        .Executes(async () =>
        {
            var (snapshot, _) = await PackageSnapshotAsync();
            var report = Delivery.Storage.StorageReport.Create(snapshot.Package, snapshot.Versions, snapshot.Graph, await DefaultBranchAsync(), DateTimeOffset.UtcNow);
            Directory.CreateDirectory(ArtifactsDirectory);
            await File.WriteAllTextAsync(StorageReportMarkdown, report.ToMarkdown());
            await File.WriteAllTextAsync(StorageReportJson, report.ToJson());
            PublishMarkdown(report.ToMarkdown());
            Log.Information("Wrote {Markdown} and {Json}", StorageReportMarkdown.RelativeTo(RootDirectory), StorageReportJson.RelativeTo(RootDirectory));
        });

    Target Cleanup => _ => _
        .Description("Deletes the image versions the retention policy expires (dry run unless --apply).")
        .After(StorageReport)
        .Requires(() => KeepPerBranch >= 1)
        .Requires(() => ExpireAfterDays >= 1)
        .Requires(() => UntaggedGraceHours >= 1)
        .Produces(CleanupPlanFile)
        .WritePermissions(GitHubPermission.Packages)
        .Executes(async () =>
        {
            var (snapshot, source) = await PackageSnapshotAsync();
            var now = DateTimeOffset.UtcNow;
            var policy = new CleanupPolicy
            {
                KeepPerBranch = KeepPerBranch,
                ExpireAfter = TimeSpan.FromDays(ExpireAfterDays),
                UntaggedGrace = TimeSpan.FromHours(UntaggedGraceHours),
                DefaultBranch = await DefaultBranchAsync(),
            };
            var plan = CleanupPlanner.Plan(snapshot.Versions, snapshot.Graph, policy, now);
            var table = CleanupTable.ToMarkdown(snapshot.Package, plan, Apply, now);
            Directory.CreateDirectory(ArtifactsDirectory);
            await File.WriteAllTextAsync(CleanupPlanFile, table);
            PublishMarkdown(table);
            if (!Apply)
            {
                Log.Information("Dry run: {Count} versions would be deleted. Run with --apply to delete them.", plan.Deletions.Count);
                return;
            }

            var result = await PackageCleaner.ApplyAsync(source, plan, snapshot.Graph, Log);
            Log.Information("Deleted {Deleted} of {Planned} versions of {Package}", result.Deleted.Count, plan.Deletions.Count, snapshot.Package.ToString());
            if (!result.Succeeded)
            {
                var problems = result.Failed.Select(failure => $"{failure.Version.Id} ({failure.Version.Label}): {failure.Error}")
                    .Concat(result.HeldBack.Select(held => $"{held.Version.Id} ({held.Version.Label}) not deleted: {held.Why}"));
                throw new BuildFailedException(
                    $"{result.Failed.Count} deletions failed and {result.HeldBack.Count} were held back: {string.Join("; ", problems)}. " +
                    "The rest were deleted; run Cleanup --apply again once the cause is fixed (the token needs packages: write, and admin rights on the package).");
            }
        });

    /// <summary>The package read once per run, shared by StorageReport and Cleanup.</summary>
    Task<(PackageSnapshot Snapshot, GitHubPackageVersions Source)> PackageSnapshotAsync() => packageSnapshot ??= ReadPackageSnapshotAsync();

    async Task<(PackageSnapshot, GitHubPackageVersions)> ReadPackageSnapshotAsync()
    {
        var repository = await GitHubRepositoryAsync();
        var image = ImageNaming.Resolve(Registry, ImageName, await EventContext);
        var package = PackageCoordinates.For(image, PackageName, repository.Owner);
        var source = new GitHubPackageVersions(GitHubApiClient, package, new GitHubRetry(Log), Log);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        // The default back-off: the report and the plan need every manifest, so a passing 5xx is worth waiting out.
        var registry = new RegistryClient(http, image.Registry, RegistryReadCredentials(image.Registry), Log);
        try
        {
            return (await PackageSnapshot.ReadAsync(package, source, registry, image.Repository, Log), source);
        }
        catch (PackageNotFoundException exception)
        {
            // A repository that has not published yet (a new fork, the first days) has nothing to report or clean:
            // its scheduled maintenance stays green, and says why it did nothing.
            Log.Warning("{Message} Until the first push there is nothing to report or clean: the report lists no versions.", exception.Message);
            return (new PackageSnapshot(package, [], new ReferenceGraph([], new Dictionary<string, Manifest>())), source);
        }
    }

    /// <summary>
    /// Credentials to read manifests: those of the push (explicit, or GITHUB_TOKEN on GitHub Actions); else, for
    /// ghcr.io, the API token, which GHCR accepts with any user name; else none (an open registry).
    /// </summary>
    RegistryCredentials? RegistryReadCredentials(string registry)
    {
        var credentials = RegistryCredentialResolver.Resolve(registry, RegistryUsername, RegistryPassword, EnvironmentVariables)
            ?? (ImageNaming.IsGitHubContainerRegistry(registry, EnvironmentVariables) && !string.IsNullOrEmpty(GithubToken)
                ? new RegistryCredentials(registry, EnvironmentVariables.GetValueOrDefault("GITHUB_ACTOR") ?? "token", GithubToken, "--github-token")
                : null);
        Secrets.Add(credentials?.Password);
        return credentials;
    }

    async Task<string> DefaultBranchAsync() => (await EventContext).DefaultBranch;

    /// <summary>A Markdown table in the log, line by line, and on the GitHub step summary.</summary>
    void PublishMarkdown(string markdown)
    {
        foreach (var line in markdown.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Log.Information("{Line}", line);
        }

        Host.PublishSummary(markdown + "\n");
    }
}
