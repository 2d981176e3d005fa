using System.Text.Json.Nodes;
using Delivery.Docker;
using Delivery.MultiArch;
using Delivery.Provenance;
using TestSupport;
using Tooling;

namespace Delivery.Tests.Provenance;

/// <summary>The SLSA v1 provenance predicate the Provenance target attests, and the facts it is made of.</summary>
public sealed class ProvenanceTests
{
    private const string SdkDigest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string RuntimeDigest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string OtherRuntimeDigest = "sha256:3333333333333333333333333333333333333333333333333333333333333333";

    private static readonly BaseImages Bases = new($"mcr.microsoft.com/dotnet/sdk:10.0@{SdkDigest}", $"mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled@{RuntimeDigest}");

    /// <summary>What GitHub Actions sets on the publish job of a v1.2.3 tag push.</summary>
    private static readonly Dictionary<string, string> TagRun = new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_REPOSITORY"] = "Acme/Gateway",
        ["GITHUB_WORKFLOW_REF"] = "Acme/Gateway/.github/workflows/docker-build.yml@refs/tags/v1.2.3",
        ["GITHUB_RUN_ID"] = "987654321",
        ["GITHUB_RUN_ATTEMPT"] = "2",
        ["GITHUB_EVENT_NAME"] = "push",
    };

    private static BuildFacts TagFacts(IReadOnlyDictionary<string, BaseImages>? bases = null)
    {
        var context = Events.Tag("v1.2.3");
        return new BuildFacts
        {
            Invocation = BuildInvocation.From(TagRun, context),
            Source = BuildSource.From(context, "/unused"),
            BaseImages = bases ?? new Dictionary<string, BaseImages> { ["linux/amd64"] = Bases, ["linux/arm64"] = Bases },
            BuildArguments = Bases.Apply(new Dictionary<string, string> { ["APP_NAME"] = "Gateway", ["REVISION"] = Events.Sha, ["SOURCE_DATE_EPOCH"] = "1764000000" }),
            Dockerfile = "Dockerfile.multistage",
            StartedOn = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero),
            FinishedOn = new DateTimeOffset(2026, 12, 6, 11, 4, 30, TimeSpan.FromHours(1)),
        };
    }

    [Test]
    public void The_predicate_of_a_tag_release_matches_its_snapshot() =>
        Snapshot.Match(SlsaProvenance.ToJson(TagFacts()), "SlsaProvenance");

    [Test]
    public void The_predicate_names_the_workflow_run_the_source_commit_and_the_base_images_by_digest()
    {
        var predicate = JsonNode.Parse(SlsaProvenance.ToJson(TagFacts()))!;
        var definition = predicate["buildDefinition"]!;
        var dependencies = definition["resolvedDependencies"]!.AsArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)definition["buildType"], Is.EqualTo(SlsaProvenance.BuildType));
            Assert.That((string?)definition["externalParameters"]!["workflow"]!["path"], Is.EqualTo(".github/workflows/docker-build.yml"));
            Assert.That((string?)definition["externalParameters"]!["workflow"]!["ref"], Is.EqualTo("refs/tags/v1.2.3"));
            Assert.That((string?)definition["externalParameters"]!["workflow"]!["repository"], Is.EqualTo("Acme/Gateway"));
            Assert.That((string?)definition["externalParameters"]!["event"], Is.EqualTo("push"));
            Assert.That((string?)definition["internalParameters"]!["buildArguments"]!["RUNTIME_IMAGE"], Is.EqualTo(Bases.Runtime));
            Assert.That((string?)dependencies[0]!["uri"], Is.EqualTo("git+https://github.com/Acme/Gateway@refs/tags/v1.2.3"));
            Assert.That((string?)dependencies[0]!["digest"]!["gitCommit"], Is.EqualTo(Events.Sha));
            Assert.That(dependencies.Select(dependency => (string?)dependency!["digest"]!["sha256"]),
                Is.SupersetOf(new[] { SdkDigest["sha256:".Length..], RuntimeDigest["sha256:".Length..] }));
            Assert.That((string?)predicate["runDetails"]!["builder"]!["id"],
                Is.EqualTo("https://github.com/Acme/Gateway/.github/workflows/docker-build.yml@refs/tags/v1.2.3"), "the identity a keyless certificate of this run carries");
            Assert.That((string?)predicate["runDetails"]!["metadata"]!["invocationId"], Is.EqualTo("https://github.com/Acme/Gateway/actions/runs/987654321/attempts/2"));
            Assert.That((string?)predicate["runDetails"]!["metadata"]!["finishedOn"], Is.EqualTo("2026-12-06T10:04:30Z"), "RFC 3339 in UTC");
        }
    }

    [Test]
    public void Legs_that_pinned_different_runtime_digests_each_appear_with_their_platform()
    {
        var arm64Bases = Bases with { Runtime = $"mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled@{OtherRuntimeDigest}" };
        var predicate = SlsaProvenance.Predicate(TagFacts(new Dictionary<string, BaseImages> { ["linux/amd64"] = Bases, ["linux/arm64"] = arm64Bases }));
        var runtimes = predicate["buildDefinition"]!["resolvedDependencies"]!.AsArray().Where(dependency => (string?)dependency!["name"] == "RUNTIME_IMAGE").ToList();
        var sdk = predicate["buildDefinition"]!["resolvedDependencies"]!.AsArray().Single(dependency => (string?)dependency!["name"] == "SDK_IMAGE")!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(runtimes.Select(runtime => $"{runtime!["digest"]!["sha256"]} {runtime["annotations"]!["platforms"]!.ToJsonString()}"), Is.EqualTo(new[]
            {
                $"{RuntimeDigest["sha256:".Length..]} [\"linux/amd64\"]",
                $"{OtherRuntimeDigest["sha256:".Length..]} [\"linux/arm64\"]",
            }));
            Assert.That(sdk["annotations"]!["platforms"]!.ToJsonString(), Is.EqualTo("[\"linux/amd64\",\"linux/arm64\"]"));
            Assert.That((string?)sdk["uri"], Is.EqualTo("pkg:docker/mcr.microsoft.com/dotnet/sdk@10.0"));
        }
    }

    [Test]
    public void A_base_the_registry_could_not_pin_is_listed_without_a_digest()
    {
        var predicate = SlsaProvenance.Predicate(TagFacts(new Dictionary<string, BaseImages> { ["linux/amd64"] = new("127.0.0.1:5000/dotnet/sdk:10.0", Bases.Runtime) }));
        var sdk = predicate["buildDefinition"]!["resolvedDependencies"]!.AsArray().Single(dependency => (string?)dependency!["name"] == "SDK_IMAGE")!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sdk["digest"], Is.Null);
            Assert.That((string?)sdk["uri"], Is.EqualTo("pkg:docker/127.0.0.1:5000/dotnet/sdk@10.0"));
        }
    }

    [Test]
    public void A_local_run_says_it_is_local_and_names_the_checkout_when_origin_is_unknown()
    {
        var context = new Delivery.Events.EventContext { EventName = "local", Ref = "refs/heads/main", Sha = Events.Sha };
        var invocation = BuildInvocation.From(new Dictionary<string, string>(), context);
        var source = BuildSource.From(context, "/src/gateway");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(invocation.BuilderId, Is.EqualTo(BuildInvocation.LocalBuilderId));
            Assert.That(invocation.InvocationId, Does.StartWith("urn:uuid:"));
            Assert.That(invocation.Workflow, Is.EqualTo(new WorkflowReference("", "refs/heads/main", "build.sh")));
            Assert.That(source.Uri, Is.EqualTo("git+file:///src/gateway@refs/heads/main"));
        }
    }

    [Test]
    public void A_github_run_without_its_workflow_ref_fails_naming_the_variable()
    {
        var environment = new Dictionary<string, string>(TagRun);
        environment.Remove("GITHUB_WORKFLOW_REF");

        Assert.That(() => BuildInvocation.From(environment, Events.Tag("v1.2.3")),
            Throws.TypeOf<BuildFailedException>().With.Message.Contains("GITHUB_WORKFLOW_REF"));
    }

    [Test]
    public void Each_legs_base_images_file_is_read_back_and_a_missing_one_is_named()
    {
        var directory = Directory.CreateTempSubdirectory("base-images-").FullName;
        try
        {
            PlatformBaseImages.Write(directory, new TargetPlatform("linux", "amd64"), Bases);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(PlatformBaseImages.Read(directory, ["linux/amd64"]), Is.EquivalentTo(new Dictionary<string, BaseImages> { ["linux/amd64"] = Bases }));
                Assert.That(() => PlatformBaseImages.Read(directory, ["linux/amd64", "linux/arm64"]),
                    Throws.TypeOf<BuildFailedException>().With.Message.Contains(Path.Combine(directory, "linux-arm64.json")));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
