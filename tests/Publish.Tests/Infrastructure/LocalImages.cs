namespace Publish.Tests.Infrastructure;

/// <summary>The engine's image store as the fixtures leave it: what they tagged or pulled is untagged again.</summary>
internal static class LocalImages
{
    /// <summary>Removes every tag and digest reference of the repository; the images stay while another tag (gateway:dev) holds them.</summary>
    public static async Task UntagRepositoryAsync(string repository)
    {
        var references = await Tool.RunAsync("docker", ["image", "ls", "--format", "{{.Repository}}:{{.Tag}}", repository]);
        var digests = await Tool.RunAsync("docker", ["image", "ls", "--digests", "--format", "{{.Repository}}@{{.Digest}}", repository]);
        var untag = references.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Concat(digests.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Where(reference => !reference.EndsWith(":<none>", StringComparison.Ordinal) && !reference.EndsWith("@<none>", StringComparison.Ordinal))
            .ToList();
        if (untag.Count > 0)
        {
            await Tool.RunAsync("docker", ["image", "rm", .. untag]);
        }
    }
}
