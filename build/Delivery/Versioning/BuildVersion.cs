using System.Globalization;
using Delivery.Events;

namespace Delivery.Versioning;

/// <summary>
/// The version this build stamps and labels: GitVersion's, except when a semver git tag is built, where the tag
/// is the version. GitVersion 6 does not reliably give a tag's version back on a tag build: on GitHub Actions it
/// sees the ref as a branch named <c>tags/v1.2.3</c>, and a pre-release tag whose label differs from the
/// branch's (<c>v2.0.0-rc.1</c> on main) comes out as <c>2.0.0-1</c>. The person who tagged decided the version.
/// </summary>
public sealed record BuildVersion(string SemVer, string InformationalVersion, string AssemblyVersion, string FileVersion, string Source)
{
    public static BuildVersion Resolve(GitVersionResult gitVersion, EventContext context)
    {
        if (context.TagName is { } tag && SemanticVersion.TryParse(tag.Replace('/', '-')) is { } release)
        {
            var numeric = string.Create(CultureInfo.InvariantCulture, $"{release.Major}.{release.Minor}.{release.Patch}.0");
            return new BuildVersion(release.Version, $"{release.Version}+Sha.{context.Sha}", numeric, numeric, $"git tag {tag}");
        }

        return new BuildVersion(gitVersion.SemVer, gitVersion.InformationalVersion, gitVersion.AssemblySemVer, gitVersion.AssemblySemFileVer, "GitVersion");
    }
}
