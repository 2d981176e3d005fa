using CliWrap.Buffered;
using Publish.Tests.Infrastructure;

namespace Publish.Tests;

/// <summary>
/// <c>./build.sh Cleanup</c> end to end: the built build against the GitHub stub (the package's versions) and a real
/// registry (their manifests). A dry run lists exactly what the policy expires and deletes nothing; --apply deletes
/// exactly that, and every manifest a kept tag needs stays. A --package-name whose versions the image repository does
/// not hold makes Cleanup --apply delete nothing and fail.
/// </summary>
[TestFixture]
[Category("OfflineLab")] // docker-registry, htpasswd; no Docker engine, so ./build.sh Test runs it with --offline-lab
[NonParallelizable]
public sealed class CleanupAcceptanceTests
{
    private const string ImageName = "acme/gateway";
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    private AuthenticatedRegistry registry = null!;
    private GitHubStub stub = null!;
    private BuildRoot root = null!;
    private readonly List<long> expired = [];
    private readonly List<long> needed = [];
    private long nextId = 100;
    private BufferedCommandResult dryRun = null!;
    private (List<long> Deleted, List<long> Kept) dryRunPlan;
    private IReadOnlyList<RecordedRequest> deletesOfTheDryRun = [];
    private BufferedCommandResult apply = null!;
    private BufferedCommandResult report = null!;
    private BufferedCommandResult mismatch = null!;

    [OneTimeSetUp]
    public async Task PublishAPackageAsync()
    {
        registry = await AuthenticatedRegistry.StartAsync();
        stub = await GitHubStub.StartAsync();
        root = await BuildRoot.CreateAsync("sha256:" + new string('0', 64));
        using var uploader = new RegistryUploader(registry.Address, registry.Authorization, ImageName);

        // A release: index, platform manifests and its signature stay, whatever their age.
        var release = await MultiArchAsync(uploader, 400, needed, "1.2.3", "1.2", "1", "latest", "sha-1111111");
        Add(await uploader.PushCosignSignatureAsync(release), 400, needed, release.Replace(':', '-') + ".sig");
        // An old pull request: all of it goes, its signature with it.
        var pullRequest = await MultiArchAsync(uploader, 20, expired, "pr-41", "sha-2222222");
        Add(await uploader.PushCosignSignatureAsync(pullRequest), 20, expired, pullRequest.Replace(':', '-') + ".sig");
        // A recent pull request stays.
        Add(await uploader.PushImageAsync("linux", "amd64", "pr-42"), 2, needed, "pr-42", "sha-3333333");
        // main: the newest two builds stay (--keep-per-branch 2), the third goes.
        Add(await uploader.PushImageAsync("linux", "amd64", "main"), 1, needed, "main", "1.2.4-3");
        Add(await uploader.PushImageAsync("linux", "amd64", "1.2.4-2"), 30, needed, "1.2.4-2");
        Add(await uploader.PushImageAsync("linux", "amd64", "1.2.4-1"), 31, expired, "1.2.4-1");
        // Untagged: a stale one goes; one of a push in flight stays.
        Add(await uploader.PushImageAsync("linux", "amd64"), 3, expired);
        Add(await uploader.PushImageAsync("linux", "arm64"), 0.1, needed);

        // One scenario, in order: a dry run, the same with --apply, then the report of what is left.
        dryRun = await RunCleanupAsync();
        deletesOfTheDryRun = [.. stub.Requests.All.Where(request => request.Method == "DELETE")];
        dryRunPlan = File.Exists(PlanFile) ? ReadPlan() : ([], []);
        apply = await RunCleanupAsync("--apply");
        report = await RunBuildAsync("StorageReport");

        // Another package of acme, whose manifests are not in acme/gateway: every read by digest is a 404.
        var stale = DateTimeOffset.UtcNow.AddDays(-100);
        stub.Packages.AddForOrganization("acme", "legacy",
            new StubPackageVersion(900, "sha256:" + new string('9', 64), [], stale, stale),
            new StubPackageVersion(901, "sha256:" + new string('8', 64), ["pr-1"], stale, stale));
        mismatch = await RunCleanupAsync("--apply", "--package-name", "legacy");
    }

    private string PlanFile => Path.Combine(root.Directory, "artifacts", "cleanup-plan.md");

    [OneTimeTearDown]
    public async Task CleanUpAsync()
    {
        root?.Dispose();
        if (stub is not null)
        {
            await stub.DisposeAsync();
        }

        if (registry is not null)
        {
            await registry.DisposeAsync();
        }
    }

    [Test]
    public void A_dry_run_lists_exactly_the_expired_versions_and_deletes_nothing()
    {
        Assert.That(dryRun.ExitCode, Is.Zero, dryRun.StandardOutput + dryRun.StandardError);
        Assert.Multiple(() =>
        {
            Assert.That(dryRunPlan.Deleted, Is.EquivalentTo(expired));
            Assert.That(dryRunPlan.Kept, Is.EquivalentTo(needed));
            Assert.That(deletesOfTheDryRun, Is.Empty);
            Assert.That(dryRun.StandardOutput, Does.Contain("pr-41, 20 days old > 14").And.Contain("platform manifest of kept 1.2.3").And.Contain("Run with --apply"));
        });
    }

    [Test]
    public void With_apply_it_deletes_exactly_the_expired_versions_and_keeps_what_kept_tags_need()
    {
        Assert.That(apply.ExitCode, Is.Zero, apply.StandardOutput + apply.StandardError);
        var deleted = stub.Requests.Matching("DELETE", "/api/v3/orgs/acme/packages/container/gateway/versions/")
            .Select(request => long.Parse(request.Path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(deleted, Is.EquivalentTo(expired));
            Assert.That(stub.Packages.IdsOf("acme", "gateway"), Is.EquivalentTo(needed));
        });
    }

    [Test]
    public async Task StorageReport_afterwards_reports_what_is_left()
    {
        Assert.That(report.ExitCode, Is.Zero, report.StandardOutput + report.StandardError);
        var markdown = await File.ReadAllTextAsync(Path.Combine(root.Directory, "artifacts", "storage-report.md"));
        Assert.Multiple(() =>
        {
            Assert.That(markdown, Does.Contain("### Storage of acme/gateway").And.Contain("| Stable releases | 1 |").And.Contain($"{needed.Count} versions"));
            Assert.That(File.Exists(Path.Combine(root.Directory, "artifacts", "storage-report.json")), Is.True);
        });
    }

    [Test]
    public void A_package_name_whose_manifests_the_registry_lacks_fails_closed_and_deletes_nothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(mismatch.ExitCode, Is.Not.Zero, mismatch.StandardOutput);
            Assert.That(mismatch.StandardOutput + mismatch.StandardError, Does.Contain("Cleanup deletes nothing: 2 of the 2 versions GitHub lists have no manifest in " +
                $"{registry.Address}/{ImageName}").And.Contain("--package-name or --image-name do not match"));
            Assert.That(stub.Requests.Matching("DELETE", "/packages/container/legacy/"), Is.Empty);
            Assert.That(stub.Packages.IdsOf("acme", "legacy"), Is.EqualTo(new long[] { 900, 901 }));
        });
    }

    private async Task<string> MultiArchAsync(RegistryUploader uploader, double daysOld, List<long> expectation, params string[] tags)
    {
        var amd64 = await uploader.PushImageAsync("linux", "amd64");
        var arm64 = await uploader.PushImageAsync("linux", "arm64");
        var index = await uploader.PushIndexAsync([(amd64, "linux", "amd64"), (arm64, "linux", "arm64")], tags);
        Add(amd64, daysOld, expectation);
        Add(arm64, daysOld, expectation);
        Add(index, daysOld, expectation, tags);
        return index;
    }

    private void Add(string digest, double daysOld, List<long> expectation, params string[] tags)
    {
        var pushed = DateTimeOffset.UtcNow.AddDays(-daysOld);
        var id = ++nextId;
        stub.Packages.AddForOrganization("acme", "gateway", new StubPackageVersion(id, digest, tags, pushed, pushed));
        expectation.Add(id);
    }

    /// <summary>The ids in artifacts/cleanup-plan.md's two tables: the deleted (or would-be deleted) and the kept.</summary>
    private (List<long> Deleted, List<long> Kept) ReadPlan()
    {
        var text = File.ReadAllText(PlanFile);
        var parts = text.Split("#### Kept");
        static List<long> Ids(string section) =>
        [
            .. section.Split('\n')
                .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^\| (\d+) \|"))
                .Where(match => match.Success)
                .Select(match => long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)),
        ];
        return (Ids(parts[0]), Ids(parts[1]));
    }

    private Task<BufferedCommandResult> RunCleanupAsync(params string[] arguments) => RunBuildAsync(["Cleanup", "--keep-per-branch", "2", .. arguments]);

    /// <summary>The built build, as ./build.sh runs it, against the stub (GitHub's API) and the test registry.</summary>
    private async Task<BufferedCommandResult> RunBuildAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_API_URL"] = null,
            ["GITHUB_REPOSITORY"] = null,
            ["GITHUB_TOKEN"] = "stub-token",
            ["REGISTRY_PASSWORD"] = registry.Password,
        };
        return await BuildProcess.RunAsync(root.Directory,
            [
                .. arguments, "--registry", registry.Address, "--image-name", ImageName, "--registry-username", registry.Username,
                "--github-api-url", stub.BaseUrl.ToString(), "--github-repository", "acme/gateway",
            ],
            BuildTimeout, environment);
    }
}
