using Delivery.Registry;
using Delivery.Resilience;
using Delivery.Tests.Resilience;
using Tooling;

namespace Delivery.Tests.Registry;

/// <summary><see cref="ImagePusher"/> against a stand-in docker CLI that fails the pushes a test tells it to.</summary>
public sealed class ImagePusherTests
{
    private const string Digest = "sha256:ccc4c7e411ce062392671fe97c09ec091a1d048072575134f62101b6cf65cfe9";
    private static readonly string[] References = ["r/g:1.2.3", "r/g:sha-860c190", "r/g:1.2", "r/g:latest"];
    private static readonly Backoff ThreeAttempts = new(3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

    private readonly FakeClock clock = new();

    [Test]
    public async Task Every_reference_is_pushed_in_order_and_the_digest_recorded()
    {
        var docker = new StandInDocker();

        var result = await Pusher(docker).PushAsync("sha256:id", References, new TestRegistrySession());

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(result.Digest, Is.EqualTo(Digest));
            Assert.That(result.Pushed, Is.EqualTo(References));
            Assert.That(docker.Pushes, Is.EqualTo(References));
            Assert.That(docker.Tags, Is.EqualTo(References), "each reference is tagged onto the built image before it is pushed");
        });
    }

    [Test]
    public async Task A_transient_error_is_retried_with_back_off()
    {
        var docker = new StandInDocker { ["r/g:1.2"] = ["received unexpected HTTP status: 503 Service Unavailable", "received unexpected HTTP status: 502 Bad Gateway"] };

        var result = await Pusher(docker).PushAsync("sha256:id", References, new TestRegistrySession());

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(docker.Pushes.Count(reference => reference == "r/g:1.2"), Is.EqualTo(3));
            Assert.That(clock.Waits, Has.Count.EqualTo(2));
            Assert.That(clock.Waits[0], Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), "2 s, jittered by up to half");
            Assert.That(clock.Waits[1], Is.InRange(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6)), "4 s, jittered by up to half");
        });
    }

    [Test]
    public async Task When_a_push_keeps_failing_latest_is_never_moved()
    {
        var docker = new StandInDocker { ["r/g:1.2"] = ["net/http: TLS handshake timeout", "net/http: TLS handshake timeout", "net/http: TLS handshake timeout"] };

        var result = await Pusher(docker).PushAsync("sha256:id", References, new TestRegistrySession());

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Pushed, Is.EqualTo(new[] { "r/g:1.2.3", "r/g:sha-860c190" }));
            Assert.That(result.NotPushed, Is.EqualTo(new[] { "r/g:1.2", "r/g:latest" }));
            Assert.That(result.Error, Is.EqualTo("r/g:1.2 failed 3 times: net/http: TLS handshake timeout"));
            Assert.That(docker.Pushes, Does.Not.Contain("r/g:latest"));
        });
    }

    [Test]
    public async Task A_rejected_push_is_not_retried()
    {
        var docker = new StandInDocker { ["r/g:1.2.3"] = ["denied: permission_denied: write_package"] };

        var result = await Pusher(docker).PushAsync("sha256:id", References, new TestRegistrySession());

        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.EqualTo("r/g:1.2.3 was rejected: denied: permission_denied: write_package"));
            Assert.That(result.Pushed, Is.Empty);
            Assert.That(docker.Pushes, Is.EqualTo(new[] { "r/g:1.2.3" }));
            Assert.That(clock.Waits, Is.Empty);
        });
    }

    [Test]
    public async Task Pushes_run_with_the_sessions_docker_config()
    {
        var docker = new StandInDocker();

        await Pusher(docker).PushAsync("sha256:id", ["r/g:1"], new TestRegistrySession());

        Assert.That(docker.PushEnvironments.Single()["DOCKER_CONFIG"], Is.EqualTo(TestRegistrySession.DockerConfig));
    }

    private ImagePusher Pusher(StandInDocker docker) => new(docker.RunAsync, ThreeAttempts, Serilog.Core.Logger.None, clock);

    /// <summary>docker tag always works; docker push of a reference fails with the queued errors (standard error), one per attempt, then succeeds.</summary>
    private sealed class StandInDocker : Dictionary<string, string[]>
    {
        private readonly Dictionary<string, int> attempts = [];

        public List<string> Tags { get; } = [];

        public List<string> Pushes { get; } = [];

        public List<IReadOnlyDictionary<string, string?>> PushEnvironments { get; } = [];

        public Task<ToolResult> RunAsync(IEnumerable<string> arguments, ToolOptions? options)
        {
            var list = arguments.ToList();
            if (list[0] == "tag")
            {
                Tags.Add(list[2]);
                return Task.FromResult(new ToolResult(0, [], []));
            }

            var reference = list[1];
            Pushes.Add(reference);
            PushEnvironments.Add(options!.Environment!);
            var attempt = attempts[reference] = attempts.GetValueOrDefault(reference) + 1;
            if (TryGetValue(reference, out var errors) && attempt <= errors.Length)
            {
                // As docker prints it: where the push goes on standard output, the reason on standard error.
                return Task.FromResult(new ToolResult(1, [$"The push refers to repository [{reference[..reference.LastIndexOf(':')]}]"], [errors[attempt - 1]]));
            }

            var tag = reference[(reference.LastIndexOf(':') + 1)..];
            return Task.FromResult(new ToolResult(0, [$"{tag}: digest: {Digest} size: 1358"], []));
        }
    }
}
