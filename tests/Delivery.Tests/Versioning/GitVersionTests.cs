using Delivery.Events;
using Delivery.Git;
using Delivery.Versioning;
using Tooling;

namespace Delivery.Tests.Versioning;

/// <summary>The real GitVersion engine (from the GitVersion.MsBuild package) with our GitVersion.yml, on throw-away repositories.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class GitVersionTests
{
    private static readonly string PackagesFolder = GitVersionTool.PackagesFolder(
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => entry.Value as string ?? ""));

    // On a CI server GitVersion switches to its build-agent mode (it wants a remote, reads GITHUB_REF): these
    // repositories are local, whatever machine runs the tests.
    private static readonly Dictionary<string, string?> NotOnCi = new()
    {
        ["GITHUB_ACTIONS"] = null,
        ["GITHUB_REF"] = null,
        ["GITHUB_HEAD_REF"] = null,
        ["CI"] = null,
        ["TF_BUILD"] = null,
    };

    private static Task<GitVersionResult> ComputeAsync(TemporaryRepository repository) => ComputeAsync(repository.Directory);

    private static Task<GitVersionResult> ComputeAsync(string directory) =>
        new GitVersionTool(TemporaryRepository.Tools.Get("dotnet"), TemporaryRepository.Tools.Get("git")).ComputeAsync(directory, PackagesFolder, NotOnCi);

    [Test]
    public async Task A_release_tag_at_HEAD_is_the_version_and_the_commits_after_it_are_patch_pre_releases()
    {
        using var repository = await TemporaryRepository.CreateAsync();
        await repository.GitAsync("tag", "-a", "v1.2.3", "-m", "Release 1.2.3");

        var tagged = await ComputeAsync(repository);
        await repository.CommitAsync("Fix a bug");
        await repository.CommitAsync("Fix another");
        var after = await ComputeAsync(repository);

        Assert.Multiple(() =>
        {
            Assert.That(tagged.SemVer, Is.EqualTo("1.2.3"));
            Assert.That(tagged.MajorMinorPatch, Is.EqualTo("1.2.3"));
            Assert.That(tagged.IsPreRelease, Is.False);
            Assert.That(after.SemVer, Is.EqualTo("1.2.4-2"));
            Assert.That(after.BranchName, Is.EqualTo("main"));
            Assert.That(after.InformationalVersion, Does.StartWith("1.2.4-2+"));
            Assert.That(after.AssemblySemVer, Is.EqualTo("1.2.4.0"));
        });
    }

    [Test]
    public async Task A_release_candidate_tag_is_the_build_version_though_GitVersion_reads_it_otherwise_on_main()
    {
        using var repository = await TemporaryRepository.CreateAsync();
        await repository.GitAsync("tag", "v2.0.0-rc.1");
        var context = new EventContext { EventName = "local", Ref = "refs/tags/v2.0.0-rc.1", Sha = await repository.GitAsync("rev-parse", "HEAD") };

        var gitVersion = await ComputeAsync(repository);
        var version = BuildVersion.Resolve(gitVersion, context);

        Assert.Multiple(() =>
        {
            // GitVersion 6 ignores a pre-release tag whose label (rc) is not the branch's (none on main).
            Assert.That(gitVersion.SemVer, Is.EqualTo("2.0.0-1"));
            Assert.That(version.SemVer, Is.EqualTo("2.0.0-rc.1"));
            Assert.That(version.AssemblyVersion, Is.EqualTo("2.0.0.0"));
            Assert.That(version.InformationalVersion, Is.EqualTo("2.0.0-rc.1+Sha." + context.Sha));
        });
    }

    [Test]
    public async Task On_a_branch_the_build_version_is_GitVersions()
    {
        using var repository = await TemporaryRepository.CreateAsync();
        await repository.GitAsync("tag", "v1.0.0");
        await repository.CommitAsync("Next");
        var context = new EventContext { EventName = "local", Ref = "refs/heads/main", Sha = await repository.GitAsync("rev-parse", "HEAD") };

        var gitVersion = await ComputeAsync(repository);
        var version = BuildVersion.Resolve(gitVersion, context);

        Assert.Multiple(() =>
        {
            Assert.That(version.SemVer, Is.EqualTo("1.0.1-1"));
            Assert.That(version.InformationalVersion, Is.EqualTo(gitVersion.InformationalVersion));
            Assert.That(version.Source, Is.EqualTo("GitVersion"));
        });
    }

    [Test]
    public async Task A_feature_branch_is_labelled_with_its_name_and_a_merge_with_semver_minor_bumps_main()
    {
        using var repository = await TemporaryRepository.CreateAsync();
        await repository.GitAsync("tag", "v1.2.3");
        await repository.GitAsync("switch", "--quiet", "-c", "feature/Foo_bar");
        await repository.CommitAsync("Add a feature +semver: minor");

        var feature = await ComputeAsync(repository);
        await repository.GitAsync("switch", "--quiet", "main");
        await repository.GitAsync("merge", "--no-ff", "--quiet", "-m", "Merge feature/Foo_bar", "feature/Foo_bar");
        var merged = await ComputeAsync(repository);
        var head = await repository.GitAsync("rev-parse", "HEAD");

        Assert.Multiple(() =>
        {
            Assert.That(feature.BranchName, Is.EqualTo("feature/Foo_bar"));
            Assert.That(feature.SemVer, Does.StartWith("1.3.0-"));
            Assert.That(feature.SemVer, Does.Contain("Foo"));
            Assert.That(merged.SemVer, Does.StartWith("1.3.0-"));
            Assert.That(merged.BranchName, Is.EqualTo("main"));
            Assert.That(merged.Sha, Is.EqualTo(head));
        });
    }

    [Test]
    public async Task A_shallow_clone_fails_saying_how_to_fetch_the_history()
    {
        using var repository = await TemporaryRepository.CreateAsync();
        await repository.CommitAsync("Second");
        var shallow = Path.Combine(repository.Directory, "shallow-clone");
        await repository.GitAsync("clone", "--quiet", "--depth", "1", "file://" + repository.Directory, shallow);

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => ComputeAsync(shallow));

        Assert.That(failure!.Message, Does.Contain("shallow clone").And.Contain("git fetch --unshallow").And.Contain("fetch-depth: 0"));
    }

    [Test]
    public void A_missing_GitVersion_package_fails_saying_how_to_restore_it()
    {
        var failure = Assert.Throws<BuildFailedException>(() => GitVersionTool.Locate("/no/such/packages"));

        Assert.That(failure!.Message, Does.Contain("/no/such/packages/gitversion.msbuild/6.8.2/tools/net10.0/gitversion.dll")
            .And.Contain("dotnet restore build/Delivery/Delivery.csproj"));
    }

    [Test]
    public async Task The_local_checkout_reads_branch_tag_sha_and_commit_time()
    {
        using var repository = await TemporaryRepository.CreateAsync();
        await repository.GitAsync("tag", "v1.0.0");
        await repository.GitAsync("remote", "add", "origin", "git@github.com:Acme/Gateway.git");
        var git = new GitCli(TemporaryRepository.Tools.Get("git"), repository.Directory);

        var local = await LocalCheckout.ReadAsync(git);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        var commitTime = await git.HeadCommitTimeAsync();
        var expectedTime = DateTimeOffset.FromUnixTimeSeconds(long.Parse(await repository.GitAsync("log", "-1", "--format=%ct"),
            System.Globalization.CultureInfo.InvariantCulture));

        Assert.Multiple(() =>
        {
            Assert.That(local.Branch, Is.EqualTo("main"));
            Assert.That(local.Tag, Is.EqualTo("v1.0.0"));
            Assert.That(local.Sha, Is.EqualTo(head));
            Assert.That(local.OriginRepository, Is.EqualTo("Acme/Gateway"));
            Assert.That(commitTime, Is.EqualTo(expectedTime));
        });
    }
}
