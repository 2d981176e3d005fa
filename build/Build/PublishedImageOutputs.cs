using BuildEngine;
using Delivery.GitHub;
using Delivery.Images;

/// <summary>
/// The step outputs of a target that publishes the image under its tags (Push, Merge): declared on the target, so the
/// generated job exposes them and docker-build.yml, called with workflow_call, returns them (docs/ci.md#calling-docker-build).
/// </summary>
static class PublishedImageOutputs
{
    const string Digest = "digest";
    const string Image = "image";
    const string Reference = "reference";
    const string Version = "version";

    /// <summary>Declares the outputs <see cref="Write"/> writes.</summary>
    public static ITargetDefinition WritesPublishedImageOutputs(this ITargetDefinition target) => target
        .Output(Digest, "Digest of the published image (sha256:…): of the multi-arch index when several platforms were merged.")
        .Output(Image, "Repository the image was pushed to (registry/name, without tag or digest).")
        .Output(Reference, "The published image by digest (registry/name@sha256:…): what to deploy, verify or sign.")
        .Output(Version, "The version the image was published as (its semantic version, one of its tags).");

    /// <summary>Appends the outputs when the build runs in a GitHub Actions step (nothing elsewhere).</summary>
    public static void Write(IReadOnlyDictionary<string, string> environment, ImageMetadata metadata, string digest)
    {
        if (StepOutput.TryWrite(environment, Digest, digest))
        {
            StepOutput.TryWrite(environment, Image, metadata.Name.ToString());
            StepOutput.TryWrite(environment, Reference, $"{metadata.Name}@{digest}");
            StepOutput.TryWrite(environment, Version, metadata.Version);
        }
    }
}
