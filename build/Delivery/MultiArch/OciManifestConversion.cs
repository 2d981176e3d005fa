namespace Delivery.MultiArch;

/// <summary>
/// buildx 0.13's <c>imagetools create</c> makes a Docker manifest list, which has no annotations and silently drops
/// <c>--annotation index:…</c>, unless a source is an OCI manifest (then it makes an OCI index and keeps them;
/// checked with 0.13.1). The docker driver pushes through the engine, which writes Docker media types, so each
/// platform manifest is rewritten as an OCI manifest first: <c>skopeo copy --format oci</c> onto the same tag (the
/// layers and config stay, only the manifest and its digest change).
/// </summary>
public static class OciManifestConversion
{
    public const string Tool = "skopeo";

    /// <summary><c>skopeo copy --format oci docker://REF docker://REF --digestfile FILE</c>, plain HTTP for a loopback registry as docker does.</summary>
    public static IReadOnlyList<string> Arguments(string reference, string digestFile, string? authFile)
    {
        var arguments = new List<string> { "copy", "--format", "oci", "--digestfile", digestFile };
        if (authFile is not null)
        {
            arguments.AddRange(["--authfile", authFile]);
        }

        if (IsLoopbackRegistry(reference))
        {
            // docker talks plain HTTP to 127.0.0.0/8 and localhost without configuration; skopeo needs to be told.
            arguments.AddRange(["--src-tls-verify=false", "--dest-tls-verify=false"]);
        }

        arguments.AddRange([$"docker://{reference}", $"docker://{reference}"]);
        return arguments;
    }

    public static bool IsLoopbackRegistry(string reference)
    {
        var host = reference.Split('/', 2)[0];
        var colon = host.LastIndexOf(':');
        var name = colon > 0 && !host.EndsWith(']') ? host[..colon] : host;
        return name is "localhost" or "[::1]" || name.StartsWith("127.", StringComparison.Ordinal);
    }
}
