using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delivery.Docker;

namespace Delivery.Provenance;

/// <summary>
/// The facts of one image build that the provenance states: what ran it (<see cref="Invocation"/>), from which source,
/// on which base images (per platform), with which build arguments, and when.
/// </summary>
public sealed record BuildFacts
{
    public required BuildInvocation Invocation { get; init; }

    public required BuildSource Source { get; init; }

    /// <summary>Platform (<c>linux/amd64</c>) → the pinned SDK and runtime images its build started from.</summary>
    public required IReadOnlyDictionary<string, BaseImages> BaseImages { get; init; }

    /// <summary>The Dockerfile's build arguments (the base images and OCI label values among them).</summary>
    public required IReadOnlyDictionary<string, string> BuildArguments { get; init; }

    /// <summary>The Dockerfile, relative to the repository root.</summary>
    public required string Dockerfile { get; init; }

    public required DateTimeOffset StartedOn { get; init; }

    public required DateTimeOffset FinishedOn { get; init; }
}

/// <summary>
/// The SLSA provenance v1 predicate (https://slsa.dev/spec/v1.0/provenance) of a <see cref="BuildFacts"/>, as
/// <c>cosign attest --type slsaprovenance1 --predicate</c> takes it: cosign wraps it in the in-toto statement whose
/// subject is the attested digest. Field names are the spec's.
/// </summary>
public static class SlsaProvenance
{
    /// <summary>The predicate type cosign writes for <see cref="CosignType"/>.</summary>
    public const string PredicateType = "https://slsa.dev/provenance/v1";

    /// <summary>cosign's --type for an SLSA v1 provenance.</summary>
    public const string CosignType = "slsaprovenance1";

    /// <summary>
    /// Names this build's definition: the shape of externalParameters and internalParameters below, described in
    /// docs/security.md#provenance. A new shape takes a new version.
    /// </summary>
    public const string BuildType = "urn:gateway-delivery:buildtype:docker-build:v1";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(BuildFacts facts) => Predicate(facts).ToJsonString(WriteOptions) + "\n";

    public static JsonObject Predicate(BuildFacts facts) => new()
    {
        ["buildDefinition"] = new JsonObject
        {
            ["buildType"] = BuildType,
            // What whoever started the build controlled: the workflow (its file at a ref) and the event.
            ["externalParameters"] = new JsonObject
            {
                ["workflow"] = new JsonObject
                {
                    ["repository"] = facts.Invocation.Workflow.Repository,
                    ["ref"] = facts.Invocation.Workflow.Ref,
                    ["path"] = facts.Invocation.Workflow.Path,
                },
                ["event"] = facts.Invocation.EventName,
            },
            // What the build derived from them: the Dockerfile, its arguments and the platforms.
            ["internalParameters"] = new JsonObject
            {
                ["dockerfile"] = facts.Dockerfile,
                ["buildArguments"] = new JsonObject(facts.BuildArguments.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                    .Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
                ["platforms"] = new JsonArray([.. facts.BaseImages.Keys.Order(StringComparer.Ordinal).Select(platform => (JsonNode?)platform)]),
            },
            ["resolvedDependencies"] = new JsonArray([SourceDependency(facts.Source), .. BaseImageDependencies(facts.BaseImages)]),
        },
        ["runDetails"] = new JsonObject
        {
            ["builder"] = new JsonObject { ["id"] = facts.Invocation.BuilderId },
            ["metadata"] = new JsonObject
            {
                ["invocationId"] = facts.Invocation.InvocationId,
                ["startedOn"] = Timestamp(facts.StartedOn),
                ["finishedOn"] = Timestamp(facts.FinishedOn),
            },
        },
    };

    private static JsonObject SourceDependency(BuildSource source) => new()
    {
        ["uri"] = source.Uri,
        ["digest"] = new JsonObject { ["gitCommit"] = source.Commit },
    };

    /// <summary>
    /// One dependency per distinct base image reference, named by the build argument it filled and annotated with
    /// the platforms that used it (the legs of a multi-arch build pin their bases each; normally they agree).
    /// </summary>
    private static IEnumerable<JsonNode?> BaseImageDependencies(IReadOnlyDictionary<string, BaseImages> basesByPlatform) =>
        basesByPlatform
            .SelectMany(pair => new[]
            {
                (Argument: "SDK_IMAGE", Reference: pair.Value.Sdk, Platform: pair.Key),
                (Argument: "RUNTIME_IMAGE", Reference: pair.Value.Runtime, Platform: pair.Key),
            })
            .GroupBy(entry => (entry.Argument, entry.Reference))
            .OrderBy(group => group.Key.Argument, StringComparer.Ordinal).ThenBy(group => group.Key.Reference, StringComparer.Ordinal)
            .Select(group => (JsonNode?)BaseImageDependency(group.Key.Argument, group.Key.Reference,
                [.. group.Select(entry => entry.Platform).Order(StringComparer.Ordinal)]));

    private static JsonObject BaseImageDependency(string argument, string reference, IReadOnlyList<string> platforms)
    {
        var dependency = new JsonObject
        {
            ["uri"] = PackageUrl(reference),
            ["name"] = argument,
        };
        if (Docker.BaseImages.DigestOf(reference) is { } digest && digest.Split(':', 2) is [var algorithm, var value])
        {
            dependency["digest"] = new JsonObject { [algorithm] = value };
        }

        dependency["annotations"] = new JsonObject
        {
            ["reference"] = reference,
            ["platforms"] = new JsonArray([.. platforms.Select(platform => (JsonNode?)platform)]),
        };
        return dependency;
    }

    /// <summary>registry/name:tag@sha256:… → pkg:docker/registry/name@tag (the form BuildKit's own provenance uses).</summary>
    public static string PackageUrl(string reference)
    {
        var name = Docker.BaseImages.NameOf(reference);
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? $"pkg:docker/{name[..colon]}@{name[(colon + 1)..]}" : $"pkg:docker/{name}";
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
