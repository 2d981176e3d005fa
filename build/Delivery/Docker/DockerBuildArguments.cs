namespace Delivery.Docker;

/// <summary>Turns a <see cref="DockerBuildRequest"/> into the docker CLI's arguments (pure, so tests can read them).</summary>
public static class DockerBuildArguments
{
    public static IReadOnlyList<string> For(DockerBuildRequest request)
    {
        var arguments = new List<string>(!request.UseBuildx ? ["build"] : request.Output is { } output ? ["buildx", "build", "--output", output] : ["buildx", "build", "--load"]);
        if (request.UseBuildx && request.MetadataFile is { } metadataFile)
        {
            arguments.AddRange(["--metadata-file", metadataFile]);
        }

        arguments.AddRange(["--file", request.Dockerfile, "--progress", "plain"]);
        foreach (var tag in request.Tags)
        {
            arguments.AddRange(["--tag", tag]);
        }

        foreach (var (name, value) in BuildArgumentValues(request).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            arguments.AddRange(["--build-arg", $"{name}={value}"]);
        }

        if (request.UseBuildx && request.Provenance is { } provenance)
        {
            arguments.Add(provenance ? "--provenance=true" : "--provenance=false");
        }

        foreach (var (name, value) in request.Labels.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            arguments.AddRange(["--label", $"{name}={value}"]);
        }

        foreach (var (id, path) in request.SecretFiles.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            arguments.AddRange(["--secret", $"id={id},src={path}"]);
        }

        if (request.Platform is { } platform)
        {
            arguments.AddRange(["--platform", platform]);
        }

        if (request.Network is { } network)
        {
            arguments.AddRange(["--network", network]);
        }

        if (request.NoCache)
        {
            arguments.Add("--no-cache");
        }
        else if (request.UseBuildx)
        {
            foreach (var stage in request.UncachedStages)
            {
                arguments.AddRange(["--no-cache-filter", stage]);
            }
        }

        // From the platform the request ends with: a request re-targeted after it was made (PushByDigest) keeps its platform's scope.
        arguments.AddRange(request.Cache?.Arguments(request.Platform) ?? []);

        arguments.Add(request.Context);
        return arguments;
    }

    /// <summary>The --build-arg values of a request: its arguments, and SOURCE_DATE_EPOCH when it has one (the provenance records them).</summary>
    public static IReadOnlyDictionary<string, string> BuildArgumentValues(DockerBuildRequest request) =>
        request.SourceDateEpoch is { } epoch
            ? new Dictionary<string, string>(request.BuildArguments) { ["SOURCE_DATE_EPOCH"] = epoch.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : request.BuildArguments;
}
