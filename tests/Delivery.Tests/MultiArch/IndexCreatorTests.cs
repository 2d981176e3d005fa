using Delivery.MultiArch;
using Delivery.Registry;
using Delivery.Resilience;
using Delivery.Tests.Resilience;
using Tooling;

namespace Delivery.Tests.MultiArch;

/// <summary><see cref="IndexCreator"/> against a stand-in docker CLI: order, one digest, retries, latest held back.</summary>
public sealed class IndexCreatorTests
{
    private const string IndexDigest = "sha256:090137d519d4f33a7475a30e51a863523fdb2adb14f627477172cfc9a10fe5cd";
    private static readonly string[] References = ["r/g:1.2.3", "r/g:sha-860c190", "r/g:1.2", "r/g:latest"];
    private static readonly string[] Sources = ["r/g@sha256:" + "a".PadRight(64, 'a'), "r/g@sha256:" + "b".PadRight(64, 'b')];
    private static readonly Dictionary<string, string> Labels = new() { ["org.opencontainers.image.version"] = "1.2.3" };
    private static readonly Backoff ThreeAttempts = new(3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

    private readonly FakeClock clock = new();

    [Test]
    public async Task Each_tag_gets_the_same_index_in_order_with_the_annotations_and_the_digest_is_recorded()
    {
        var docker = new StandInDocker();

        var result = await Creator(docker).CreateAsync(References, Labels, Sources, new TestRegistrySession());

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Error);
            Assert.That(result.Digest, Is.EqualTo(IndexDigest));
            Assert.That(result.Pushed, Is.EqualTo(References));
            Assert.That(docker.Created, Is.EqualTo(References));
            Assert.That(docker.Commands[0], Does.Contain("index:org.opencontainers.image.version=1.2.3"));
            Assert.That(docker.Commands[0].TakeLast(2), Is.EqualTo(Sources));
            Assert.That(docker.Environments, Has.All.Matches<IReadOnlyDictionary<string, string?>?>(environment => environment != null && environment["DOCKER_CONFIG"] == "/tmp/docker-config-test"));
        });
    }

    [Test]
    public async Task A_transient_error_is_retried_and_a_lasting_one_stops_before_latest()
    {
        var flaky = new StandInDocker { ["r/g:1.2"] = ["received unexpected HTTP status: 503 Service Unavailable"] };
        var broken = new StandInDocker { ["r/g:1.2"] = ["net/http: TLS handshake timeout", "net/http: TLS handshake timeout", "net/http: TLS handshake timeout"] };

        var recovered = await Creator(flaky).CreateAsync(References, Labels, Sources, new TestRegistrySession());
        var failed = await Creator(broken).CreateAsync(References, Labels, Sources, new TestRegistrySession());

        Assert.Multiple(() =>
        {
            Assert.That(recovered.Succeeded, Is.True);
            Assert.That(flaky.Created.Count(reference => reference == "r/g:1.2"), Is.EqualTo(2));
            Assert.That(failed.Succeeded, Is.False);
            Assert.That(failed.Pushed, Is.EqualTo(new[] { "r/g:1.2.3", "r/g:sha-860c190" }));
            Assert.That(failed.NotPushed, Is.EqualTo(new[] { "r/g:1.2", "r/g:latest" }));
            Assert.That(failed.Error, Is.EqualTo("r/g:1.2 failed 3 times: net/http: TLS handshake timeout"));
            Assert.That(broken.Created, Does.Not.Contain("r/g:latest"));
        });
    }

    [Test]
    public async Task A_rejected_index_is_not_retried()
    {
        var docker = new StandInDocker { ["r/g:1.2.3"] = ["denied: permission_denied: write_package"] };

        var result = await Creator(docker).CreateAsync(References, Labels, Sources, new TestRegistrySession());

        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.EqualTo("r/g:1.2.3 was rejected: denied: permission_denied: write_package"));
            Assert.That(result.Pushed, Is.Empty);
            Assert.That(clock.Waits, Is.Empty);
        });
    }

    [Test]
    public async Task Tags_that_come_out_as_different_indexes_fail()
    {
        var docker = new StandInDocker { DigestFor = reference => reference.EndsWith(":latest", StringComparison.Ordinal) ? "sha256:" + new string('f', 64) : IndexDigest };

        var result = await Creator(docker).CreateAsync(References, Labels, Sources, new TestRegistrySession());

        Assert.That(result.Error, Does.StartWith("The tags point at different indexes"));
    }

    private IndexCreator Creator(StandInDocker docker) => new(docker.RunAsync, ThreeAttempts, Serilog.Core.Logger.None, clock);

    /// <summary>imagetools create fails with the queued errors, one per attempt, then succeeds; inspect returns the descriptor.</summary>
    private sealed class StandInDocker : Dictionary<string, string[]>
    {
        private readonly Dictionary<string, int> attempts = [];

        public Func<string, string> DigestFor { get; init; } = _ => IndexDigest;

        public List<string> Created { get; } = [];

        public List<IReadOnlyList<string>> Commands { get; } = [];

        public List<IReadOnlyDictionary<string, string?>?> Environments { get; } = [];

        public Task<ToolResult> RunAsync(IEnumerable<string> arguments, ToolOptions? options)
        {
            var list = arguments.ToList();
            Environments.Add(options?.Environment);
            if (list[2] == "inspect")
            {
                return Task.FromResult(new ToolResult(0, [$$"""{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"{{DigestFor(list[^1])}}","size":855}"""], []));
            }

            Commands.Add(list);
            var reference = list[list.IndexOf("--tag") + 1];
            Created.Add(reference);
            var attempt = attempts[reference] = attempts.GetValueOrDefault(reference) + 1;
            return Task.FromResult(TryGetValue(reference, out var errors) && attempt <= errors.Length
                ? new ToolResult(1, [], [errors[attempt - 1]])
                : new ToolResult(0, [], []));
        }
    }
}
