namespace Delivery.Docker;

/// <summary>
/// PushByDigest's check before anything reaches the registry: the local image is still the one DockerBuild built
/// and kept, and ImageTest tested and Scan scanned exactly that image (docs/docker.md#ship-what-was-tested). A
/// check the run skipped on purpose (<c>--skip ImageTest</c>) is not required; one that never ran is.
/// </summary>
public static class ShippedImageGate
{
    /// <param name="currentId">The engine's ID of <see cref="PlatformBuild.Reference"/> now.</param>
    /// <returns>What forbids the push, with the fix; empty when the image may go.</returns>
    public static IReadOnlyList<string> Problems(string platform, PlatformBuild build, string? currentId, bool testSkipped, bool scanSkipped)
    {
        var problems = new List<string>();
        if (currentId != build.ImageId)
        {
            problems.Add($"{build.Reference} ({platform}) is now {currentId ?? "gone"}, not {build.ImageId}, the image DockerBuild built" +
                $"{(build.Tested is null && build.Scanned is null ? "" : " and ImageTest and Scan saw")}: something replaced the local image after they ran. " +
                "Build, test, scan and push in one run: ./build.sh DockerBuild ImageTest Scan PushByDigest.");
        }

        problems.AddRange(Check("ImageTest", "tested", build.Tested, build, platform, testSkipped));
        problems.AddRange(Check("Scan", "scanned", build.Scanned, build, platform, scanSkipped));
        return problems;
    }

    private static IEnumerable<string> Check(string target, string verb, string? seen, PlatformBuild build, string platform, bool skipped)
    {
        if (skipped)
        {
            yield break;
        }

        if (seen is null)
        {
            yield return $"{target} has not {verb} the {platform} image {build.ImageId}: run ./build.sh ImageTest Scan PushByDigest " +
                $"(to push it without {target} on purpose: ./build.sh {target} PushByDigest --skip {target}).";
        }
        else if (seen != build.ImageId)
        {
            yield return $"PushByDigest would push the {platform} image {build.ImageId}, but {target} {verb} {seen}: " +
                "build, test, scan and push in one run: ./build.sh DockerBuild ImageTest Scan PushByDigest.";
        }
    }
}
