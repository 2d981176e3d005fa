namespace Delivery.Docker;

/// <summary>One image build: which Dockerfile and app, the tags, the build arguments and how to run the builder.</summary>
public sealed record DockerBuildRequest
{
    public required string Dockerfile { get; init; }
    public required string Context { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public IReadOnlyDictionary<string, string> BuildArguments { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>linux/amd64 etc. (several, comma-separated, only with a pushing <see cref="Output"/>); null builds for the engine's own platform.</summary>
    public string? Platform { get; init; }

    /// <summary>Network for RUN steps (host where the engine has no bridge network).</summary>
    public string? Network { get; init; }

    public bool NoCache { get; init; }

    /// <summary>
    /// An external layer cache (GitHub's on CI), scoped by <see cref="Platform"/> when the arguments are made; null for the
    /// engine's own cache only.
    /// </summary>
    public GitHubActionsBuildCache? Cache { get; init; }

    /// <summary>Build secrets: id to a file on this machine (mounted for one RUN, never in a layer).</summary>
    public IReadOnlyDictionary<string, string> SecretFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>buildx (then --load into the engine) or the engine's own BuildKit builder.</summary>
    public bool UseBuildx { get; init; }

    /// <summary>buildx --output instead of --load (e.g. a push by digest); null loads the image into the engine.</summary>
    public string? Output { get; init; }

    /// <summary>buildx --metadata-file: where buildx writes what it built (containerimage.digest, …).</summary>
    public string? MetadataFile { get; init; }

    /// <summary>
    /// SOURCE_DATE_EPOCH (Unix seconds; the commit time): BuildKit stamps the image config and history with it, and an
    /// output with <c>rewrite-timestamp=true</c> every file in the new layers too. Null leaves the clock's times.
    /// </summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>
    /// Stages never taken from the layer cache (buildx --no-cache-filter): a cached layer keeps the file times of the
    /// build that made it, which rewrite-timestamp cannot fix when they are older than <see cref="SourceDateEpoch"/>.
    /// </summary>
    public IReadOnlyList<string> UncachedStages { get; init; } = [];

    /// <summary>
    /// buildx --provenance: false keeps a loaded image one plain manifest (BuildKit's provenance would make it an index
    /// with an attestation whose build times differ on every build); null leaves buildx's default.
    /// </summary>
    public bool? Provenance { get; init; }
}
